using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Testing;

namespace Countersign.Server.Tests.Demo;

/// <summary>The README's main command ends by serving the demo workspace: it prints the address, and the API answers with the story's data.</summary>
public sealed partial class DemoServerTests
{
    [Fact]
    public async Task The_demo_starts_the_server_with_the_workspace_loaded_and_prints_its_address()
    {
        var parent = TempGitRepo.NewTempDirectory("demo-serve");
        try
        {
            using var demo = await ServerProcess.StartAsync(["demo", "--dir", "ws", "--urls", "http://127.0.0.1:0"], parent, TimeSpan.FromMinutes(5));
            var output = demo.Output;
            Assert.Contains("The server", output);
            var reviewer = Token().Match(output);
            Assert.True(reviewer.Success, output);

            using var client = new HttpClient { BaseAddress = demo.Address };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", reviewer.Groups[1].Value);
            var queue = JsonNode.Parse(await client.GetStringAsync("api/v1/queue?everyone=true&limit=50"))!;
            Assert.True(queue["total"]!.GetValue<long>() > 0, queue.ToJsonString());
            var story = JsonNode.Parse(await client.GetStringAsync("api/v1/changes/lookup?repository=acme%2Fdemo-monorepo&key=branch%2Ffeature%2Fcheckout-retries"))!;
            Assert.Equal("satisfied", story["status"]!.ToString());
            Assert.Equal(2, story["signOffs"]!.AsArray().Count);
            var org = JsonNode.Parse(await client.GetStringAsync("api/v1/org"))!;
            Assert.True(org["people"]!.AsArray().Count > 5);

            // The story is not interleaved with the server's routine log, and nothing is left outside the workspace.
            Assert.DoesNotContain(" info: ", output, StringComparison.Ordinal);
            Assert.DoesNotContain("was challenged", output, StringComparison.Ordinal);
            Assert.Matches(@"admin: +cst_", output);

            // How to connect it to a real GitHub App or GitLab project: prose wrapped, each command one whole line.
            var lines = output.ReplaceLineEndings("\n").Split('\n');
            Assert.Single(lines, l => l.StartsWith("  ", StringComparison.Ordinal)
                && l.EndsWith(" --public-url https://YOUR-HOST --github-app-id APP_ID --github-private-key app.pem --github-webhook-secret-file webhook-secret.txt", StringComparison.Ordinal)
                && l.Contains(" serve --database ", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith("  ", StringComparison.Ordinal) && l.EndsWith(" --public-url https://YOUR-HOST --gitlab-url https://gitlab.com", StringComparison.Ordinal));
            var prose = lines.SkipWhile(l => !l.StartsWith("Connect it to a real GitHub App", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("Press Ctrl+C", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(prose);
            Assert.All(prose.Where(l => !l.StartsWith("  ", StringComparison.Ordinal)), l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
            Assert.Contains(prose, l => l.Contains("docs/github.md", StringComparison.Ordinal));
            Assert.Equal(["ws"], Directory.GetFileSystemEntries(parent).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [GeneratedRegex(@"reviewer: (cst_[A-Za-z0-9_-]+)")]
    private static partial Regex Token();
}
