using Countersign.Testing;

namespace Countersign.Cli.Tests.Demo;

/// <summary>The README's main command, end to end: the report, then the policy story from blocked to signed off.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public void TheDemoTellsThePolicyStoryFromBlockedToSignedOff()
    {
        var parent = TempGitRepo.NewTempDirectory("demo-cmd");
        try
        {
            var (code, stdout, stderr) = CliRunner.Run(parent, "demo", "--dir", "ws", "--no-serve");
            Assert.True(code == 0, stderr);
            var story = stdout[stdout.IndexOf("The policy in action", StringComparison.Ordinal)..];
            var blocked = story.IndexOf("✘ pending: 2 of 2 applying enforced rules need sign-off", StringComparison.Ordinal);
            Assert.Contains("Tom Nguyen cannot approve this change; nothing was recorded", story, StringComparison.Ordinal);
            Assert.Contains("Tom Nguyen is the author", story, StringComparison.Ordinal);
            var first = story.IndexOf("✘ pending: 1 of 2 applying enforced rules needs sign-off (high-blast-radius", StringComparison.Ordinal);
            var passed = story.IndexOf("✔ satisfied: all 2 applying enforced rules are signed off", StringComparison.Ordinal);
            Assert.True(blocked >= 0 && first > blocked && passed > first, story);
            Assert.Contains("can give it: Marcus Chen (senior)", story, StringComparison.Ordinal);
            Assert.Contains("approved by Sofia Alvarez for team team-payments", story, StringComparison.Ordinal);

            // The CLI agrees afterwards, on the same store.
            var check = CliRunner.Run(Path.Combine(parent, "ws"), "check", "--base", "main", "--head", "feature/checkout-retries");
            Assert.Equal(0, check.ExitCode);
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public void TheDemoTellsItsStoryOnStdoutWithProseWrappedAndCommandsWhole()
    {
        var parent = TempGitRepo.NewTempDirectory("demo-cmd");
        try
        {
            var (code, stdout, stderr) = CliRunner.Run(parent, "demo", "--dir", "my ws", "--no-serve");

            Assert.True(code == 0, stderr);
            Assert.Equal("", stderr);
            var lines = stdout.ReplaceLineEndings("\n").Split('\n');
            var tryNext = Array.IndexOf(lines, "Try next");
            Assert.True(tryNext > 0, stdout);
            var commands = lines[(tryNext + 1)..].Where(l => l.Length > 0).ToList();
            Assert.Equal(5, commands.Count);
            Assert.All(commands, c => Assert.StartsWith("  ", c, StringComparison.Ordinal));
            var workspace = CliInvocation.ShellQuote(Path.Combine(parent, "my ws"));
            Assert.Contains(commands, c => c.EndsWith($"check --repo {workspace} --base main --head feature/checkout-retries --format markdown", StringComparison.Ordinal));
            Assert.All(lines[..tryNext], l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
