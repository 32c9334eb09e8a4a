using System.Text.Json;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Commands;

/// <summary>
/// The three marker forms missed on unseen histories, end to end: commits written by real git into a temporary
/// repository, scanned by the CLI, read back from <c>--commits-out</c>. Mentions beside them stay unknown.
/// </summary>
public sealed class ScanUnseenMarkerFormsTests
{
    [Fact]
    public void SessionTrailersSessionLinksAndMisspeltKeysAreFoundAndTheirMentionsAreNot()
    {
        using var repo = TempGitRepo.Create();
        var session = repo.Commit("Fix resume\n\nKeep the cursor.\n\nCursor-Thread-Id: bc-5e2f9a10-44aa\nSigned-off-by: Alice Human <alice@example.com>\n");
        var link = repo.Commit("Add exporter\n\nSummary.\n\nhttps://ampcode.com/threads/T-3fa85f64-5717-4562-b3fc-2c963f66afa6\n");
        var misspelt = repo.Commit("Rename flag\n\nNo functional change.\n\nAsissted-by: Copilot:GPT-5\nSigned-off-by: Alice Human <alice@example.com>\n");
        var prose = repo.Commit("Fix crash\n\nThe Claude session crashed; see https://ampcode.com/threads/T-3fa85f64-5717-4562 for the log.\n");
        var human = repo.Commit("Fix typo\n\nAsssisted-by: Jane Doe\nSigned-off-by: Alice Human <alice@example.com>\n");
        var dir = TempGitRepo.NewTempDirectory("unseen");

        var (code, _, stderr) = CliRunner.Run(repo.Path, "scan", "--json", "--db", Path.Combine(dir, "s.db"), "--commits-out", Path.Combine(dir, "c.jsonl"));

        Assert.True(code == 0, stderr);
        var ai = File.ReadLines(Path.Combine(dir, "c.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(c => c.GetProperty("sha").GetString()!, c => c.GetProperty("ai"));
        Assert.Equal(("ai", "cursor"), Verdict(ai[session]));
        Assert.Equal(("ai", "amp"), Verdict(ai[link]));
        Assert.Equal(("ai", "copilot"), Verdict(ai[misspelt]));
        Assert.Equal(0.72, ai[misspelt].GetProperty("evidence")[0].GetProperty("confidence").GetDouble());
        Assert.Equal(("unknown", null), Verdict(ai[prose]));
        Assert.Equal(("unknown", null), Verdict(ai[human]));
    }

    private static (string? Status, string? Tool) Verdict(JsonElement ai)
    {
        var tools = ai.GetProperty("tools");
        return (ai.GetProperty("status").GetString(), tools.GetArrayLength() > 0 ? tools[0].GetString() : null);
    }
}
