using System.Globalization;
using Countersign.Core.Changes;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Provenance;
using Countersign.Core.Text;

namespace Countersign.Cli.Output.Policy;

/// <summary>
/// Turns a policy result into the lines people read — the same words in the terminal, in Markdown and in the git
/// hook's rejection: the verdict, the change in one line, then each rule with why it applied or was skipped, what is
/// missing, who can give it, and which sign-offs did not count or were dismissed, and why.
/// </summary>
internal static class ResultExplainer
{
    public const int MaxCandidatesShown = 8;

    public static IReadOnlyList<ExplanationLine> Explain(PolicyResult result, ChangeFacts change)
    {
        var lines = new List<ExplanationLine>
        {
            new(0, $"{Symbol(result.Status)} {Word(result.Status)}: {result.Summary}", result.Passed ? Tone.Good : Tone.Bad),
            new(1, Describe(change), Tone.Quiet),
        };

        foreach (var freeze in result.Freezes.Where(f => f.Active))
        {
            lines.Add(new(1, $"freeze {freeze.Name}: {freeze.Explanation}", freeze.Blocks ? Tone.Bad : Tone.Warn));
        }

        if (result.BreakGlass is { } glass)
        {
            var tone = !glass.Valid || glass.Overdue ? Tone.Bad : Tone.Warn;
            lines.Add(new(1, $"break-glass by {glass.PersonName} at {Stamp(glass.At)}: {glass.Explanation}", tone));
            lines.Add(new(2, $"reason: {UntrustedText.ForTerminal(glass.Reason)}", Tone.Quiet));
        }

        foreach (var rule in result.Rules)
        {
            lines.Add(new(0, "", Tone.Plain));
            AddRule(lines, rule);
        }

        return lines;
    }

    private static void AddRule(List<ExplanationLine> lines, RuleResult rule)
    {
        var mode = rule.Mode == RuleMode.Warn ? " (warn only)" : "";
        var tone = rule.Status switch
        {
            RuleStatus.Approved => Tone.Good,
            RuleStatus.Skipped => Tone.Quiet,
            _ when rule.Mode == RuleMode.Warn => Tone.Warn,
            _ => Tone.Bad,
        };
        lines.Add(new(0, $"{RuleSymbol(rule.Status)} {rule.Name}{mode}: {StatusWord(rule.Status)}", tone));
        if (rule.Description is { Length: > 0 } description)
        {
            lines.Add(new(1, description, Tone.Quiet));
        }

        if (rule.Condition is { } condition)
        {
            lines.Add(new(1, (condition.Matched ? "applies: " : "skipped: ") + condition.Explanation));
        }
        else
        {
            lines.Add(new(1, "applies to every change"));
        }

        if (rule.Requirement is not { } requirement)
        {
            return;
        }

        foreach (var counted in requirement.Counted)
        {
            var team = counted.Team is null ? "" : $" for team {counted.Team}";
            lines.Add(new(1, $"approved by {counted.PersonName}{team} at {Stamp(counted.SignOff.At)}", Tone.Good));
        }

        foreach (var rejection in requirement.Rejections)
        {
            var comment = rejection.SignOff.Comment is { Length: > 0 } c ? $": \"{UntrustedText.ForTerminal(c)}\"" : "";
            lines.Add(new(1, $"rejected by {rejection.PersonName} at {Stamp(rejection.SignOff.At)}{comment}", Tone.Bad));
        }

        if (requirement.Missing.Length > 0)
        {
            lines.Add(new(1, requirement.Missing, rule.Mode == RuleMode.Warn ? Tone.Warn : Tone.Bad));
            if (requirement.Candidates.Count > 0)
            {
                var shown = requirement.Candidates.Take(MaxCandidatesShown).Select(c => c.Level is null ? c.Name : $"{c.Name} ({c.Level})");
                var more = requirement.Candidates.Count > MaxCandidatesShown ? $" and {requirement.Candidates.Count - MaxCandidatesShown} more" : "";
                lines.Add(new(1, $"can give it: {string.Join(", ", shown)}{more}"));
            }
            else if (requirement.Nobody is { } nobody)
            {
                lines.Add(new(1, $"to fix: {nobody.Fix}", Tone.Warn));
            }
        }

        foreach (var note in requirement.Dismissed)
        {
            lines.Add(new(1, $"dismissed: {note.PersonName}'s {Kind(note.SignOff)} of {Stamp(note.SignOff.At)} — {note.Reason}", Tone.Warn));
        }

        foreach (var note in requirement.NotCounted)
        {
            lines.Add(new(1, $"not counted: {note.PersonName}'s {Kind(note.SignOff)} — {note.Reason}", Tone.Quiet));
        }
    }

    /// <summary>The change in one line: key, range, patch identity, provenance, blast radius and risk.</summary>
    public static string Describe(ChangeFacts change)
    {
        var provenance = change.Status switch
        {
            ProvenanceStatus.Ai => "AI-assisted",
            ProvenanceStatus.AiSuggested => "AI-suggested",
            ProvenanceStatus.HumanDeclared => "declared human",
            _ => "provenance unknown",
        };
        var tools = change.Tools.Count == 0 ? "" : $" ({string.Join(", ", change.Tools)}";
        var share = change.AiLineShare is { } s && change.Tools.Count > 0 ? $", {(s * 100).ToString("0", CultureInfo.InvariantCulture) + "%"} of added lines" : "";
        var toolText = tools.Length == 0 ? "" : tools + share + ")";
        var patch = change.PatchId.Length == 0 ? "empty diff" : $"patch {Short(change.PatchId)}";
        var blast = change.BlastRadius.Class.ToString() switch
        {
            "MultiService" => "multi-service",
            var other => other.ToLowerInvariant(),
        };
        return $"change {UntrustedText.ForTerminal(change.Key)} {Short(change.BaseSha)}..{Short(change.HeadSha)}, {patch}: {provenance}{toolText}; " +
               $"blast radius {blast} ({change.BlastRadius.Score.ToString("0.#", CultureInfo.InvariantCulture)}); risk {change.Risk.Score.ToString("0", CultureInfo.InvariantCulture)}/100";
    }

    public static string Word(OverallStatus status) => status switch
    {
        OverallStatus.Satisfied => "satisfied",
        OverallStatus.Pending => "pending",
        OverallStatus.Rejected => "rejected",
        _ => "frozen",
    };

    public static string StatusWord(RuleStatus status) => status switch
    {
        RuleStatus.Skipped => "skipped",
        RuleStatus.Approved => "approved",
        RuleStatus.Pending => "pending",
        _ => "disapproved",
    };

    private static string Symbol(OverallStatus status) => status == OverallStatus.Satisfied ? "✔" : "✘";

    private static string RuleSymbol(RuleStatus status) => status switch
    {
        RuleStatus.Approved => "✔",
        RuleStatus.Skipped => "○",
        RuleStatus.Pending => "●",
        _ => "✘",
    };

    private static string Kind(Core.SignOffs.SignOff signOff) => signOff.Kind switch
    {
        Core.SignOffs.SignOffKind.Approve => "approval",
        Core.SignOffs.SignOffKind.Reject => "rejection",
        _ => "break-glass",
    };

    internal static string Short(string sha) => sha.Length > 10 ? sha[..10] : sha;

    internal static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
