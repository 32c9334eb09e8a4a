using Countersign.Core.Diagnostics;
using Countersign.Core.Tests.Policy.Compilation;

namespace Countersign.Core.Tests;

/// <summary>
/// Core's public surface is what the hosts and adapters (Engine, Git, Storage, Server, CLI, Demo and their tests) use;
/// everything else is internal (Core.Tests and the fuzzer see internals). A new public type is a deliberate choice:
/// it fails this test until PublicApi.approved.txt lists it.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void CoresPublicTypesAreExactlyTheApprovedOnes()
    {
        var path = Path.Combine(Path.GetDirectoryName(PolicyDocsTests.Docs("policy.schema.json"))!, "..", "tests", "Countersign.Core.Tests", "PublicApi.approved.txt");
        var actual = string.Join("\n", typeof(Diagnostic).Assembly.GetExportedTypes().Select(t => t.FullName!.Replace('+', '.')).Order(StringComparer.Ordinal)) + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_PUBLIC_API") == "1")
        {
            File.WriteAllText(path, actual);
        }

        var approved = File.Exists(path) ? File.ReadAllText(path) : "";
        var added = actual.Split('\n').Except(approved.Split('\n')).Where(l => l.Length > 0).ToList();
        var removed = approved.Split('\n').Except(actual.Split('\n')).Where(l => l.Length > 0).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0,
            $"Core's public types changed. New: {string.Join(", ", added)}. Gone: {string.Join(", ", removed)}. "
            + "Make a type public only when a host or adapter needs it (tests see internals); then run "
            + "`UPDATE_PUBLIC_API=1 dotnet test tests/Countersign.Core.Tests --filter CoresPublicTypesAreExactlyTheApprovedOnes` and commit PublicApi.approved.txt.");
    }
}
