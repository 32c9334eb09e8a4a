using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Schema;
using Countersign.Core.Yaml;
using Countersign.Core.Yaml.Schema;

namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// Stage two: a parsed policy and the files it <c>extends</c> to a <see cref="CompiledPolicy"/>. Every key, type and
/// value is checked against <see cref="PolicySchema"/>; level, team and person names against the org directory;
/// globs, dates and time zones are compiled. Extended policies come first; a local rule with the same name replaces
/// an inherited one and <c>disable</c> drops one, unless it is <c>locked</c>. Freezes add up;
/// <c>protected_branches</c> and <c>break_glass</c> are inherited unless the file sets its own.
/// </summary>
internal static class PolicyCompiler
{
    /// <summary>How many levels of <c>extends</c> below the policy are followed.</summary>
    public const int MaxExtendsDepth = 8;

    /// <summary>The branches the git hook protects when no file in the stack sets <c>protected_branches</c>.</summary>
    public static IReadOnlyList<string> DefaultProtectedBranches { get; } = (string[])PolicySchema.Root.Find("protected_branches")!.Default!;

    /// <summary>Compiles <paramref name="parsed"/>; the policy is null when any file in the stack has an error.</summary>
    /// <param name="parsed">The policy, from <see cref="PolicyParser.Parse"/>.</param>
    /// <param name="org">The org directory that level, team and person names are checked against.</param>
    /// <param name="readExtended">
    /// Reads a file named in <c>extends</c>, given its path relative to the folder of the policy being compiled (the
    /// compiler resolves nested <c>extends</c> against the file that names them), and returns its text and the name
    /// diagnostics should give it; null when there is no such file.
    /// </param>
    public static PolicyCompileResult Compile(ParsedPolicy parsed, OrgDirectory org, Func<string, (string Text, string Source)?> readExtended)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(readExtended);
        var diagnostics = new List<Diagnostic>(parsed.Diagnostics);
        var merged = new ExtendsResolver(org, readExtended, diagnostics).Resolve(parsed);
        diagnostics = InReadingOrder(diagnostics);
        if (merged is null || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new PolicyCompileResult(null, diagnostics);
        }

        var policy = new CompiledPolicy(parsed.Source, [.. merged.Rules.Select(r => r.Rule)], merged.Freezes, merged.BreakGlass,
            merged.ProtectedBranches ?? [.. DefaultProtectedBranches.Select(b => new PolicyGlob(b))]);
        return new PolicyCompileResult(policy, diagnostics);
    }

    /// <summary>Each file's diagnostics together, files in the order first reported, top to bottom within a file.</summary>
    private static List<Diagnostic> InReadingOrder(List<Diagnostic> diagnostics)
    {
        var files = diagnostics.Select(d => d.Source).Distinct(StringComparer.Ordinal).ToList();
        return [.. diagnostics.OrderBy(d => files.IndexOf(d.Source)).ThenBy(d => d.Line ?? 0).ThenBy(d => d.Column ?? 0)];
    }
}
