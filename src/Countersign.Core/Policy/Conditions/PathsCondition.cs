using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Text;

namespace Countersign.Core.Policy.Conditions;

/// <summary>
/// <c>paths: {any: [globs], only: [globs], none: [globs]}</c> — <c>any</c>: some changed file matches; <c>only</c>: every
/// changed file matches (and there is at least one); <c>none</c>: no changed file matches. Renamed files count under
/// both names. The globs of <c>any</c> and <c>only</c> are the rule's own paths for <see cref="StalenessMode.RulePaths"/>.
/// </summary>
public sealed record PathsCondition(
    IReadOnlyList<PolicyGlob>? Any,
    IReadOnlyList<PolicyGlob>? Only,
    IReadOnlyList<PolicyGlob>? None,
    SourceSpan Position) : ICondition
{
    public string Key => "paths";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var paths = context.Change.Files.SelectMany(f => f.OldPath is null ? new[] { f.Path } : [f.Path, f.OldPath]).Distinct(StringComparer.Ordinal).ToList();
        var reasons = new List<string>();
        var matched = true;
        if (Any is { Count: > 0 })
        {
            var hit = paths.FirstOrDefault(p => Any.Any(g => g.IsMatch(p)));
            matched &= hit is not null;
            reasons.Add(hit is not null ? $"{Bound(hit)} matches {Any.First(g => g.IsMatch(hit))}" : $"no changed file matches {Join(Any)}");
        }

        if (Only is { Count: > 0 })
        {
            var outside = paths.FirstOrDefault(p => !Only.Any(g => g.IsMatch(p)));
            var ok = paths.Count > 0 && outside is null;
            matched &= ok;
            reasons.Add(ok ? $"every changed file matches {Join(Only)}" : outside is null ? "no files changed" : $"{Bound(outside)} is outside {Join(Only)}");
        }

        if (None is { Count: > 0 })
        {
            var hit = paths.FirstOrDefault(p => None.Any(g => g.IsMatch(p)));
            matched &= hit is null;
            reasons.Add(hit is null ? $"no changed file matches {Join(None)}" : $"{Bound(hit)} matches {None.First(g => g.IsMatch(hit))}");
        }

        return ConditionResult.Leaf(Key, matched, string.Join("; ", reasons));
    }

    /// <summary>True when the path is one this condition selects (for per-rule staleness).</summary>
    public bool Selects(string path) => (Any ?? []).Concat(Only ?? []).Any(g => g.IsMatch(path));

    private static string Join(IReadOnlyList<PolicyGlob> globs) => string.Join(", ", globs.Select(g => g.Pattern));

    private static string Bound(string path) => UntrustedText.Bound(path, 120, keepEnd: true);
}
