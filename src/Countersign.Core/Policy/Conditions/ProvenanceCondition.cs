using System.Globalization;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Provenance;

namespace Countersign.Core.Policy.Conditions;

/// <summary>
/// <c>provenance: {status: [ai], tools: [claude-code], ai_line_share: {at_least: 0.5}}</c> — every given part must hold.
/// The change's status is <see cref="Changes.ChangeFacts.Status"/> (one AI-assisted commit makes the change AI-assisted;
/// it is declared human only when every commit declares it); tools match
/// when any commit names one of them; the AI line share is <see cref="Changes.ChangeFacts.AiLineShare"/>, and a change
/// that adds no lines has none (so a share bound does not match).
/// </summary>
public sealed record ProvenanceCondition(
    IReadOnlyList<ProvenanceStatus>? Statuses,
    IReadOnlyList<string>? Tools,
    NumberRange? AiLineShare,
    SourceSpan Position) : ICondition
{
    public string Key => "provenance";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var change = context.Change;
        var reasons = new List<string>();
        var matched = true;
        if (Statuses is { Count: > 0 })
        {
            var ok = Statuses.Contains(change.Status);
            matched &= ok;
            var disclosed = change.Status == ProvenanceStatus.Ai ? Disclosed(change) : "";
            reasons.Add($"provenance is {Name(change.Status)}{disclosed}{(ok ? "" : $", not {string.Join(" or ", Statuses.Select(Name))}")}");
        }

        if (Tools is { Count: > 0 })
        {
            var used = change.Tools.Where(t => Tools.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
            matched &= used.Count > 0;
            reasons.Add(used.Count > 0 ? $"written with {string.Join(", ", used)}" : $"no commit names {string.Join(" or ", Tools)}");
        }

        if (AiLineShare is not null)
        {
            var share = change.AiLineShare;
            var ok = share is { } s && AiLineShare.Contains(s);
            matched &= ok;
            reasons.Add(share is { } v
                ? $"AI line share {(v * 100).ToString("0", CultureInfo.InvariantCulture) + "%"} is {(ok ? "" : "not ")}{AiLineShare}"
                : "no added lines, so no AI line share");
        }

        return ConditionResult.Leaf(Key, matched, string.Join("; ", reasons));
    }

    /// <summary>The change-level evidence that marks the change AI-assisted, as people read it (empty when there is none).</summary>
    private static string Disclosed(Changes.ChangeFacts change)
    {
        var shown = change.ChangeEvidence
            .Where(e => e.Implies == ProvenanceStatus.Ai && e.Confidence >= ProvenanceClassifier.CountingConfidence)
            .Select(e => e.Kind switch
            {
                EvidenceKind.Label => $"PR label `{e.Text}`",
                EvidenceKind.PullRequestBody => $"PR description: checked '{e.Text}'",
                EvidenceKind.Branch => $"branch {e.Text}",
                _ => e.Text,
            })
            .Distinct(StringComparer.Ordinal)
            .Take(3)
            .ToList();
        return shown.Count == 0 ? "" : $" ({string.Join("; ", shown)})";
    }

    internal static string Name(ProvenanceStatus status) => status switch
    {
        ProvenanceStatus.Ai => "AI-assisted",
        ProvenanceStatus.AiSuggested => "AI-suggested",
        ProvenanceStatus.HumanDeclared => "declared human",
        _ => "unknown",
    };
}
