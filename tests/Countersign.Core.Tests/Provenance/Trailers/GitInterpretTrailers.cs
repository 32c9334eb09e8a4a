using System.Diagnostics;
using System.Text;

namespace Countersign.Core.Tests.Provenance.Trailers;

/// <summary>Runs the real <c>git interpret-trailers --parse</c> as an oracle, isolated from any user or system git config.</summary>
internal static class GitInterpretTrailers
{
    public static IReadOnlyList<string> Parse(string message, bool noDivider)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add("interpret-trailers");
        start.ArgumentList.Add("--parse");
        if (noDivider)
        {
            start.ArgumentList.Add("--no-divider");
        }

        // No trailer.* configuration may influence the oracle.
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["HOME"] = Path.GetTempPath();

        using var git = Process.Start(start)!;
        git.StandardInput.Write(message);
        git.StandardInput.Close();
        var output = git.StandardOutput.ReadToEnd();
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git interpret-trailers failed: {error}");
        return output.Split('\n', StringSplitOptions.None).SkipLast(1).ToList();
    }
}
