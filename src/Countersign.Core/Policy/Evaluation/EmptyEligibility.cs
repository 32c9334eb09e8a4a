using Countersign.Core.Organisation;
using Countersign.Core.Policy.Requirements;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Explains an empty eligible set: for each part of the approver set, whether the configuration gives it anyone at all
/// (people at the level, members of the team, owners from CODEOWNERS or the catalog who resolve to people), so the
/// answer names the missing piece and the file to add it to, not just "nobody".
/// </summary>
internal static class EmptyEligibility
{
    public static NobodyEligible Explain(ApprovalRequirement requirement, EvaluationContext context, Eligibility eligibility)
    {
        var reasons = new List<string>();
        var fixes = new List<string>();
        Collect(requirement, requirement.From, context, eligibility, reasons, fixes);
        return new NobodyEligible(string.Join("; and ", reasons.Distinct(StringComparer.Ordinal)), string.Join(" ", fixes.Distinct(StringComparer.Ordinal)));
    }

    private static void Collect(ApprovalRequirement requirement, ApproverSet set, EvaluationContext context, Eligibility eligibility, List<string> reasons, List<string> fixes)
    {
        if (set is ApproverUnion union)
        {
            foreach (var option in union.Options)
            {
                Collect(requirement, option, context, eligibility, reasons, fixes);
            }

            return;
        }

        var filter = (ApproverFilter)set;
        var org = context.Org;
        var directory = context.DirectoryName;
        if (org.People.Count == 0)
        {
            reasons.Add($"{directory} lists no people");
            fixes.Add($"Add your people with their e-mails and levels to {directory} (run 'countersign init' for an example).");
            return;
        }

        var before = reasons.Count;
        if (filter.Level is { } level && !org.People.Any(p => level.Contains(org, p.Level)))
        {
            reasons.Add($"no person at level {level} in {directory}");
            fixes.Add($"Give someone `level: {ExampleLevel(level, org)}` in {directory}.");
        }

        if (filter.Teams is { Count: > 0 } teams && !org.People.Any(p => teams.Any(t => org.IsMemberOf(p, t))))
        {
            reasons.Add($"nobody in {directory} is in team {string.Join(" or ", teams)}");
            fixes.Add($"Add `{teams[0]}` to a person's `teams:` in {directory}.");
        }

        if (filter.People is { Count: > 0 } people && !people.Any(id => org.FindPerson(id) is not null))
        {
            reasons.Add($"none of {string.Join(", ", people)} is in {directory}");
            fixes.Add($"Add them to {directory} or change the rule's `people:`.");
        }

        if (filter.Owners is { Count: > 0 } sources && !sources.Any(eligibility.HasOwningPeople))
        {
            foreach (var source in sources)
            {
                Owners(source, context, eligibility, reasons, fixes);
            }
        }

        if (reasons.Count > before)
        {
            return;
        }

        // Every part has someone, but nobody fits them all, or the only ones who do took part in the change.
        var fitting = org.People.Where(p => eligibility.WhyNotIn(p, filter) is null).ToList();
        if (fitting.Count == 0)
        {
            reasons.Add($"nobody in {directory} is {eligibility.Describe(filter)}");
            fixes.Add($"Add such a person to {directory}, or widen the rule's `from:`.");
        }
        else
        {
            reasons.Add($"the only ones who could ({string.Join(", ", fitting.Take(5).Select(p => p.Name))}) took part in the change");
            fixes.Add($"Someone else who is {eligibility.Describe(filter)} must be in {directory}, or the rule's `from:` widened.");
        }
    }

    private static void Owners(OwnerSource source, EvaluationContext context, Eligibility eligibility, List<string> reasons, List<string> fixes)
    {
        var owners = eligibility.OwnerNames(source);
        var directory = context.DirectoryName;
        var files = context.Change.Files.Select(f => f.Path).ToList();
        var shown = files.Count == 0 ? "the changed files" : string.Join(", ", files.Take(3)) + (files.Count > 3 ? $" and {files.Count - 3} more" : "");
        var folder = files.Count > 0 && files[0].LastIndexOf('/') is var slash and > 0 ? files[0][..slash] : "src";
        switch (source)
        {
            case OwnerSource.Codeowners when owners.Count == 0:
                reasons.Add($"no CODEOWNERS owns {shown}");
                fixes.Add($"Add a CODEOWNERS file (.github/CODEOWNERS) with a line such as `/{folder}/ @your-org/your-team`, where your-team is a team id in {directory}.");
                break;
            case OwnerSource.Codeowners:
                reasons.Add($"the CODEOWNERS owners {string.Join(", ", owners.Take(3))} match nobody in {directory}");
                fixes.Add($"Give a team in {directory} the id of the owner's team (@your-org/payments → `id: payments`), or add the owners' `github:` handles to people in {directory}.");
                break;
            case OwnerSource.Affected when owners.Count == 0:
                reasons.Add($"no catalog component owns {shown}");
                fixes.Add($"Describe the service in {folder}/catalog-info.yaml (Backstage: `kind: Component`, `spec.owner: group:your-team`), where your-team is a team id in {directory}.");
                break;
            case OwnerSource.Affected:
                reasons.Add($"the catalog owners {string.Join(", ", owners.Take(3))} match nobody in {directory}");
                fixes.Add($"Give a team in {directory} the catalog group's name as its id, or add the user to {directory}.");
                break;
            default:
                reasons.Add(owners.Count == 0 ? "no consuming component is reached by the change" : $"the consumers' owners {string.Join(", ", owners.Take(3))} match nobody in {directory}");
                fixes.Add("Widen the rule's `from:` (e.g. `any_of`) or declare the consumers in the catalog.");
                break;
        }
    }

    private static string ExampleLevel(LevelRange level, OrgDirectory org) =>
        level.AtLeast ?? (level.Is is { Count: > 0 } named ? named[0] : null) ?? level.AtMost ?? (org.Levels.Count > 0 ? org.Levels[^1] : "senior");
}
