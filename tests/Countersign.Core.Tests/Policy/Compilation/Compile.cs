using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Compilation;
using Countersign.Core.Policy.Conditions;

namespace Countersign.Core.Tests.Policy.Compilation;

/// <summary>Compiles policy text for tests, against <see cref="PolicyTestOrg.Org"/> unless told otherwise.</summary>
internal static class Compile
{
    public static PolicyCompileResult Policy(string yaml, IReadOnlyDictionary<string, string>? files = null, OrgDirectory? org = null) =>
        PolicyLoader.Load(yaml, "policy.yaml", org ?? PolicyTestOrg.Org, path => files is not null && files.TryGetValue(path, out var text) ? (text, path) : null);

    /// <summary>The policy, failing the test with every diagnostic when there is none.</summary>
    public static Countersign.Core.Policy.CompiledPolicy Valid(string yaml, IReadOnlyDictionary<string, string>? files = null, OrgDirectory? org = null)
    {
        var result = Policy(yaml, files, org);
        Assert.True(result.Policy is not null && !result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Policy!;
    }

    /// <summary>The condition of a one-rule policy whose <c>if</c> is <paramref name="condition"/> (flow or block YAML).</summary>
    public static ICondition If(string condition) =>
        Valid($"version: 1\nrules:\n  - name: r\n    if: {condition}\n").Rules[0].If!;

    /// <summary>Every error, one per line, as <c>file:line:column: error: message (field 'x')</c>.</summary>
    public static string Errors(string yaml, IReadOnlyDictionary<string, string>? files = null, OrgDirectory? org = null)
    {
        var result = Policy(yaml, files, org);
        Assert.Null(result.Policy);
        return string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    public static string Warnings(string yaml) =>
        string.Join("\n", Policy(yaml).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning));
}
