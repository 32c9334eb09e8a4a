using Countersign.Core.Organisation;
using Countersign.Core.SignOffs;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Evaluates an applying rule's requirement: which sign-offs count, which were dismissed as stale or do not count and
/// why, whether a rejection blocks, and who could still give what is missing.
/// </summary>
internal static class RequirementEvaluator
{
    public static (RuleStatus Status, RequirementResult Result) Evaluate(PolicyRule rule, EvaluationContext context, Eligibility eligibility, IReadOnlyList<SignOff> current)
    {
        var requirement = rule.Requires;
        var dismissed = new List<SignOffNote>();
        var notCounted = new List<SignOffNote>();
        var approvers = new List<(SignOff SignOff, Person Person)>();
        var rejections = new List<CountedSignOff>();
        foreach (var signOff in current)
        {
            if (context.Org.FindPerson(signOff.PersonId) is not { } person)
            {
                notCounted.Add(new(signOff, signOff.PersonId, $"{signOff.PersonId} is not in the org directory"));
                continue;
            }

            if (eligibility.WhyNot(person, requirement) is { } why)
            {
                notCounted.Add(new(signOff, person.Name, why));
                continue;
            }

            if (Staleness.WhyDismissed(signOff, context.Change, rule) is { } stale)
            {
                dismissed.Add(new(signOff, person.Name, stale));
                continue;
            }

            if (signOff.Kind == SignOffKind.Approve)
            {
                approvers.Add((signOff, person));
            }
            else
            {
                rejections.Add(new(signOff, person.Name, null));
            }
        }

        var counted = new List<CountedSignOff>();
        if (requirement.DistinctTeams)
        {
            var teams = TeamMatching.Assign(approvers.Select(a => a.Person.Teams).ToList());
            for (var i = 0; i < approvers.Count; i++)
            {
                if (teams[i] is { } team)
                {
                    counted.Add(new(approvers[i].SignOff, approvers[i].Person.Name, team));
                }
                else
                {
                    var reason = approvers[i].Person.Teams.Count == 0
                        ? $"{approvers[i].Person.Name} is in no team, and the rule needs approvals from distinct teams"
                        : $"{approvers[i].Person.Name}'s team ({string.Join(", ", approvers[i].Person.Teams)}) is already counted";
                    notCounted.Add(new(approvers[i].SignOff, approvers[i].Person.Name, reason));
                }
            }
        }
        else
        {
            counted.AddRange(approvers.Select(a => new CountedSignOff(a.SignOff, a.Person.Name, null)));
        }

        var blocked = requirement.Disapproval && rejections.Count > 0;
        var status = blocked ? RuleStatus.Disapproved : counted.Count >= requirement.Count ? RuleStatus.Approved : RuleStatus.Pending;
        var candidates = status == RuleStatus.Approved ? [] : Candidates(requirement, eligibility, counted, approvers.Select(a => a.Person.Id).ToHashSet(StringComparer.Ordinal), context.Org);
        var set = eligibility.Describe(requirement.From);
        var missing = status switch
        {
            RuleStatus.Approved => "",
            RuleStatus.Disapproved => $"rejected by {string.Join(", ", rejections.Select(r => r.PersonName))}; it stays blocked until they approve",
            _ => Missing(requirement.Count - counted.Count, requirement.DistinctTeams && counted.Count > 0, set, candidates.Count),
        };
        return (status, new RequirementResult(requirement.Count, requirement.DistinctTeams, set, counted, dismissed, notCounted, rejections, candidates, missing));
    }

    private static string Missing(int more, bool otherTeam, string set, int candidates)
    {
        var text = $"needs {more} more approval{(more == 1 ? "" : "s")} from {set}{(otherTeam ? " in a team not yet counted" : "")}";
        return candidates == 0 ? $"{text} — no one in the org directory can give it: check the approver set and the directory" : text;
    }

    private static List<Candidate> Candidates(Requirements.ApprovalRequirement requirement, Eligibility eligibility, List<CountedSignOff> counted, HashSet<string> approved, OrgDirectory org)
    {
        var usedTeams = counted.Where(c => c.Team is not null).Select(c => c.Team!).ToHashSet(StringComparer.Ordinal);
        var owners = requirement.From is Requirements.ApproverFilter { Owners: { Count: > 0 } sources } ? sources : null;
        return org.People
            .Where(p => !approved.Contains(p.Id) && eligibility.WhyNot(p, requirement) is null)
            .Where(p => !requirement.DistinctTeams || p.Teams.Any(t => !usedTeams.Contains(t)))
            .Select(p => (Person: p, Owns: owners is null ? null : eligibility.OwnershipOf(p, owners)))
            .OrderBy(x => x.Owns is null ? 1 : 0)
            .ThenByDescending(x => x.Person.Level is { } level ? org.RankOf(level) ?? -1 : -1)
            .ThenBy(x => x.Person.Name, StringComparer.Ordinal)
            .Select(x => new Candidate(x.Person.Id, x.Person.Name, x.Person.Level, x.Person.Teams,
                x.Owns is { } owns ? $"{x.Person.Level ?? "no level"}, owns {owns}" : $"{x.Person.Level ?? "no level"}{(x.Person.Teams.Count > 0 ? $", {string.Join(", ", x.Person.Teams)}" : "")}"))
            .ToList();
    }
}
