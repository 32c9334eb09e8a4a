using Countersign.Core.Organisation;
using Countersign.Core.Policy.Requirements;
using Countersign.Core.SignOffs;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Evaluates an applying rule's requirement: which sign-offs count, which were dismissed as stale or do not count and
/// why, whether a rejection blocks, and who could still give what is missing.
/// <list type="bullet">
/// <item>Each person's latest sign-off is their word (the caller passes only those, oldest first).</item>
/// <item>A sign-off from someone the directory does not know, a participant or someone outside the set never counts.</item>
/// <item>Approvals go stale by the rule's <see cref="StalenessMode"/> (<see cref="Staleness"/>); rejections never do:
/// a "no" stands until the person who said it approves, as a GitHub "changes requested" review does.</item>
/// <item>With distinct teams, approvers are matched to teams (<see cref="TeamMatching"/>), each counting for one.</item>
/// </list>
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
            }
            else if (eligibility.WhyNot(person, requirement) is { } why)
            {
                notCounted.Add(new(signOff, person.Name, why));
            }
            else if (signOff.Kind == SignOffKind.Reject)
            {
                rejections.Add(new(signOff, person.Name, null));
            }
            else if (Staleness.WhyDismissed(signOff, context.Change, rule) is { } stale)
            {
                dismissed.Add(new(signOff, person.Name, stale));
            }
            else
            {
                approvers.Add((signOff, person));
            }
        }

        var counted = Count(requirement, approvers, notCounted);
        var blocked = requirement.Disapproval && rejections.Count > 0;
        var status = blocked ? RuleStatus.Disapproved : counted.Count >= requirement.Count ? RuleStatus.Approved : RuleStatus.Pending;
        var approved = approvers.Select(a => a.Person.Id).ToHashSet(StringComparer.Ordinal);
        var candidates = status == RuleStatus.Approved ? [] : Candidates(requirement, eligibility, counted, approved, context.Org);
        var set = eligibility.Describe(requirement.From);
        var nobody = status == RuleStatus.Pending && candidates.Count == 0 ? EmptyEligibility.Explain(requirement, context, eligibility) : null;
        var missing = status switch
        {
            RuleStatus.Approved => "",
            RuleStatus.Disapproved => $"rejected by {string.Join(", ", rejections.Select(r => r.PersonName))}; it stays blocked until they approve",
            _ => Missing(requirement.Count - counted.Count, requirement.DistinctTeams && counted.Count > 0, set, nobody),
        };
        return (status, new RequirementResult(requirement.Count, requirement.DistinctTeams, set, counted, dismissed, notCounted, rejections, candidates, missing) { Nobody = nobody });
    }

    private static List<CountedSignOff> Count(ApprovalRequirement requirement, List<(SignOff SignOff, Person Person)> approvers, List<SignOffNote> notCounted)
    {
        if (!requirement.DistinctTeams)
        {
            return approvers.Select(a => new CountedSignOff(a.SignOff, a.Person.Name, null)).ToList();
        }

        var counted = new List<CountedSignOff>();
        var teams = TeamMatching.Assign(approvers.Select(a => a.Person.Teams).ToList());
        for (var i = 0; i < approvers.Count; i++)
        {
            var (signOff, person) = approvers[i];
            if (teams[i] is { } team)
            {
                counted.Add(new(signOff, person.Name, team));
            }
            else
            {
                notCounted.Add(new(signOff, person.Name, person.Teams.Count == 0
                    ? $"{person.Name} is in no team, and the rule needs approvals from distinct teams"
                    : $"{person.Name}'s team{(person.Teams.Count == 1 ? "" : "s")} ({string.Join(", ", person.Teams)}) {(person.Teams.Count == 1 ? "is" : "are")} already counted"));
            }
        }

        return counted;
    }

    private static string Missing(int more, bool otherTeam, string set, NobodyEligible? nobody)
    {
        var text = $"needs {more} more approval{(more == 1 ? "" : "s")} from {set}{(otherTeam ? " in a team not yet counted" : "")}";
        return nobody is null ? text : $"{text} — nobody can give it: {nobody.Reason}";
    }

    /// <summary>
    /// Everyone in the directory who could give a missing approval: eligible, not yet approving, and under distinct
    /// teams in a team not yet used. Owners first, then the most senior, then by name.
    /// </summary>
    private static List<Candidate> Candidates(ApprovalRequirement requirement, Eligibility eligibility, List<CountedSignOff> counted, HashSet<string> approved, OrgDirectory org)
    {
        var usedTeams = counted.Where(c => c.Team is not null).Select(c => c.Team!).ToHashSet(StringComparer.Ordinal);
        var sources = Eligibility.OwnerSourcesOf(requirement.From);
        return org.People
            .Where(p => !approved.Contains(p.Id) && eligibility.WhyNot(p, requirement) is null)
            .Where(p => !requirement.DistinctTeams || p.Teams.Any(t => !usedTeams.Contains(t)))
            .Select(p => (Person: p, Owns: sources.Count == 0 ? null : eligibility.OwnershipOf(p, sources)))
            .OrderBy(x => x.Owns is null ? 1 : 0)
            .ThenByDescending(x => x.Person.Level is { } level ? org.RankOf(level) ?? -1 : -1)
            .ThenBy(x => x.Person.Name, StringComparer.Ordinal)
            .Select(x => new Candidate(x.Person.Id, x.Person.Name, x.Person.Level, x.Person.Teams, Why(x.Person, x.Owns)))
            .ToList();
    }

    private static string Why(Person person, string? owns)
    {
        var level = person.Level ?? "no level";
        return owns is not null ? $"{level}, owns {owns}"
            : person.Teams.Count > 0 ? $"{level}, {string.Join(", ", person.Teams)}"
            : level;
    }
}
