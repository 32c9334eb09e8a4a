using Countersign.Core.Changes;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Requirements;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Decides who may sign a change off under one approver set, and says why not. Some people are never eligible,
/// whatever the set says: the author, co-authors, whoever prompted an agent, agents and bots, committers (unless the
/// rule allows them), and anyone the org directory does not know.
/// </summary>
internal sealed class Eligibility
{
    private readonly EvaluationContext context;
    private readonly Dictionary<string, (ParticipantRole Role, string Display)> participants = new(StringComparer.Ordinal);

    public Eligibility(EvaluationContext context)
    {
        this.context = context;
        foreach (var p in context.Change.Participants.Where(p => p.Match.Person is not null).OrderBy(p => Rank(p.Role)))
        {
            participants.TryAdd(p.Match.Person!.Id, (p.Role, p.Display));
        }
    }

    /// <summary>Null when <paramref name="person"/> may sign under <paramref name="requirement"/>; otherwise the reason, in words.</summary>
    public string? WhyNot(Person person, ApprovalRequirement requirement)
    {
        if (participants.TryGetValue(person.Id, out var role) && (role.Role != ParticipantRole.Committer || !requirement.AllowCommitters))
        {
            return role.Role switch
            {
                ParticipantRole.Author => $"{person.Name} is the author",
                ParticipantRole.CoAuthor => $"{person.Name} co-authored the change",
                ParticipantRole.Prompter => $"{person.Name} prompted the agent that wrote it",
                ParticipantRole.Agent => $"{person.Name} is an agent or bot",
                _ => $"{person.Name} committed part of the change",
            };
        }

        return WhyNotIn(person, requirement.From);
    }

    /// <summary>Null when the person is in the set; otherwise the first part of it they fail.</summary>
    public string? WhyNotIn(Person person, ApproverSet set)
    {
        if (set is ApproverUnion union)
        {
            var reasons = union.Options.Select(o => WhyNotIn(person, o)).ToList();
            return reasons.Any(r => r is null) ? null : string.Join("; and ", reasons.Distinct(StringComparer.Ordinal));
        }

        var filter = (ApproverFilter)set;
        if (filter.Level is { } level && (person.Level is null || context.Org.RankOf(person.Level) is null || !level.Contains(context.Org, person.Level)))
        {
            return $"{person.Name} is {person.Level ?? "of unknown level"}, the rule needs {level}";
        }

        if (filter.Teams is { Count: > 0 } teams && !teams.Any(t => context.Org.IsMemberOf(person, t)))
        {
            return $"{person.Name} is in none of the teams {string.Join(", ", teams)}";
        }

        if (filter.People is { Count: > 0 } people && !people.Contains(person.Id, StringComparer.Ordinal))
        {
            return $"{person.Name} is not one of {string.Join(", ", people)}";
        }

        if (filter.Owners is { Count: > 0 } sources && OwnershipOf(person, sources) is null)
        {
            return $"{person.Name} owns none of {DescribeOwned(sources)}";
        }

        return null;
    }

    /// <summary>What the person owns through one of the sources (a component or path), or null.</summary>
    public string? OwnershipOf(Person person, IReadOnlyList<OwnerSource> sources)
    {
        foreach (var source in sources)
        {
            foreach (var (owner, what) in Owners(source))
            {
                if (context.Owners.PeopleOf(owner).Any(p => p.Id == person.Id))
                {
                    return what;
                }
            }
        }

        return null;
    }

    /// <summary>Every person in the directory who is in the set (participants included; callers exclude them).</summary>
    public IEnumerable<Person> Members(ApproverSet set) => context.Org.People.Where(p => WhyNotIn(p, set) is null);

    public string Describe(ApproverSet set) => set switch
    {
        ApproverUnion union => string.Join(", or ", union.Options.Select(Describe)),
        ApproverFilter filter => DescribeFilter(filter),
        _ => "anyone",
    };

    private string DescribeFilter(ApproverFilter filter)
    {
        var parts = new List<string>();
        parts.Add(filter.Level is { } level ? $"someone {level}" : "someone");
        if (filter.Owners is { Count: > 0 } sources)
        {
            parts.Add($"who owns {DescribeOwned(sources)}");
        }

        if (filter.Teams is { Count: > 0 } teams)
        {
            parts.Add($"in team {string.Join(" or ", teams)}");
        }

        if (filter.People is { Count: > 0 } people)
        {
            parts.Add($"among {string.Join(", ", people)}");
        }

        return string.Join(" ", parts);
    }

    private string DescribeOwned(IReadOnlyList<OwnerSource> sources)
    {
        var things = sources.SelectMany(Owners).Select(o => o.What).Distinct(StringComparer.Ordinal).ToList();
        if (things.Count == 0)
        {
            return sources.Count == 1 && sources[0] == OwnerSource.Consumers ? "a consuming component (none is reached)" : "the affected code (no owner is known for it)";
        }

        return things.Count <= 3 ? string.Join(" or ", things) : $"{string.Join(", ", things.Take(3))} or {things.Count - 3} more";
    }

    private IEnumerable<(string Owner, string What)> Owners(OwnerSource source) => source switch
    {
        OwnerSource.Affected => context.Change.BlastRadius.Touched.Where(t => t.Owner is not null).Select(t => (t.Owner!, $"{t.Name} (catalog)")),
        OwnerSource.Consumers => context.Change.BlastRadius.Reached.Where(r => r.Owner is not null).Select(r => (r.Owner!, $"{r.Name} (consumer)")),
        _ => context.Change.CodeownersByPath.SelectMany(kv => kv.Value.Select(o => (o, $"{FolderOf(kv.Key)} (CODEOWNERS)"))),
    };

    private static string FolderOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[..(slash + 1)];
    }

    /// <summary>The role that explains a refusal best comes first: author, then co-author, prompter, agent, committer.</summary>
    private static int Rank(ParticipantRole role) => role switch
    {
        ParticipantRole.Author => 0,
        ParticipantRole.CoAuthor => 1,
        ParticipantRole.Prompter => 2,
        ParticipantRole.Agent => 3,
        _ => 4,
    };
}
