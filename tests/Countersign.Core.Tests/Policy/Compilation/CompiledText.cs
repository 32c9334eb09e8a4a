using Countersign.Core.BlastRadius;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Requirements;
using Countersign.Core.Provenance;

namespace Countersign.Core.Tests.Policy.Compilation;

/// <summary>One-line renderings of compiled conditions and approver sets, so tables of YAML and expected records stay readable.</summary>
internal static class CompiledText
{
    public static string Of(ICondition condition) => condition switch
    {
        AllCondition a => $"all({string.Join(", ", a.Children.Select(Of))})",
        AnyCondition a => $"any({string.Join(", ", a.Children.Select(Of))})",
        NotCondition n => $"not({Of(n.Child)})",
        ProvenanceCondition p => Parts("provenance", ("status", Words(p.Statuses?.Select(Status))), ("tools", Words(p.Tools)), ("ai_line_share", p.AiLineShare?.ToString())),
        PeopleCondition p => Parts(p.Key, ("level", p.Level?.ToString()), ("teams", Words(p.Teams)), ("people", Words(p.People)), ("match", p.Scope == PersonScope.Contributors ? (p.RequireAll ? "all" : "any") : null)),
        PathsCondition p => Parts("paths", ("any", Globs(p.Any)), ("only", Globs(p.Only)), ("none", Globs(p.None))),
        ComponentsCondition c => Parts("components", ("names", Words(c.Names)), ("scope", c.Scope.ToString().ToLowerInvariant())),
        TierCondition t => Parts("tier", ("tiers", t.Tiers.ToString()), ("scope", t.Scope.ToString().ToLowerInvariant())),
        BlastRadiusCondition b => Parts("blast_radius", ("class", Words(b.Classes?.Select(Class))), ("score", b.Score?.ToString())),
        RiskCondition r => Parts("risk", ("score", r.Score.ToString())),
        SizeCondition s => Parts("size", ("lines", s.Lines?.ToString()), ("added", s.Added?.ToString()), ("deleted", s.Deleted?.ToString()), ("files", s.Files?.ToString()), ("commits", s.Commits?.ToString())),
        LabelsCondition l => Parts("labels", ("any", Words(l.Any)), ("all", Words(l.All)), ("none", Words(l.None))),
        BranchCondition b => Parts(b.Key, ("branches", Globs(b.Branches))),
        TimeCondition t => Parts("time", ("window", t.Window.ToString())),
        _ => condition.Key,
    };

    public static string Of(ApproverSet set) => set switch
    {
        ApproverUnion u => $"any_of({string.Join(", ", u.Options.Select(Of))})",
        ApproverFilter f => Parts("from", ("level", f.Level?.ToString()), ("owners", Words(f.Owners?.Select(o => o.ToString().ToLowerInvariant()))), ("teams", Words(f.Teams)), ("people", Words(f.People))),
        _ => "?",
    };

    private static string Parts(string key, params (string Name, string? Value)[] parts) =>
        $"{key}({string.Join("; ", parts.Where(p => p.Value is not null).Select(p => $"{p.Name}={p.Value}"))})";

    private static string? Words(IEnumerable<string>? words) => words is null ? null : string.Join("|", words);

    private static string? Globs(IEnumerable<PolicyGlob>? globs) => Words(globs?.Select(g => g.Pattern));

    private static string Status(ProvenanceStatus status) => status switch
    {
        ProvenanceStatus.Ai => "ai",
        ProvenanceStatus.AiSuggested => "ai-suggested",
        ProvenanceStatus.HumanDeclared => "human-declared",
        _ => "unknown",
    };

    private static string Class(BlastClass value) => value switch
    {
        BlastClass.Contained => "contained",
        BlastClass.Service => "service",
        BlastClass.MultiService => "multi-service",
        _ => "critical",
    };
}
