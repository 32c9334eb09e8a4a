// Over 300 lines on purpose: every reason a person may not sign off (participants, shared identities, bots, levels,
// owners) lives in one place, so the security rule "who can never satisfy a sign-off" is read and reviewed as a whole.
using Countersign.Core.Changes;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Requirements;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Decides who may sign a change off under one approver set, and says why not. Some people are never eligible,
/// whatever the set says: the author, co-authors, whoever prompted an agent, agents and bots, committers (unless the
/// rule allows them), and anyone the org directory does not know. Whoever shares an identity (e-mail, handle, no-reply
/// address) with a participant is barred as that participant is, however resolution turned out: a directory in which
/// two people share an address must never let an author's own approval count. A person with no level is never eligible by level,
/// even for a range bounded only from above: missing data never grants the right to sign.
/// One instance serves one evaluation; owners are resolved to people once, on first use.
/// </summary>
internal sealed class Eligibility
{
    private readonly EvaluationContext context;
    private readonly Dictionary<string, ParticipantRole> participants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParticipantRole> identities = new(StringComparer.Ordinal);
    private readonly Dictionary<OwnerSource, OwnerIndex> owners = [];

    public Eligibility(EvaluationContext context)
    {
        this.context = context;
        foreach (var p in context.Change.Participants.OrderBy(p => Rank(p.Role, p.Match.IsBot)))
        {
            var role = p.Match.IsBot ? ParticipantRole.Agent : p.Role;
            if (p.Match.Person is { } person)
            {
                participants.TryAdd(person.Id, role);
            }

            foreach (var key in KeysOf(p))
            {
                identities.TryAdd(key.Normalised, role);
            }
        }
    }

    /// <summary>The role that bars <paramref name="person"/> from signing whatever the set says (committers aside), or null.</summary>
    public ParticipantRole? RoleOf(Person person) => Bar(person)?.Role;

    /// <summary>
    /// The role that bars <paramref name="person"/> and why: they are a participant, or they share an identity with one
    /// (the most telling role first: author, co-author, prompter, agent, committer). Null when nothing bars them.
    /// </summary>
    public (ParticipantRole Role, string Why)? Bar(Person person)
    {
        if (participants.TryGetValue(person.Id, out var role))
        {
            return (role, WhyParticipant(person, role));
        }

        (ParticipantRole Role, IdentityKey Key)? shared = null;
        foreach (var key in IdentityKey.Of(person))
        {
            if (identities.TryGetValue(key.Normalised, out var theirs) && (shared is null || Rank(theirs, false) < Rank(shared.Value.Role, false)))
            {
                shared = (theirs, key);
            }
        }

        return shared is { } s
            ? (s.Role, $"{person.Name} shares the {s.Key.Shown} with the change's {RoleWord(s.Role)}; a shared identity never signs off, whoever the directory resolved it to")
            : null;
    }

    /// <summary>Null when <paramref name="person"/> may sign under <paramref name="requirement"/>; otherwise the reason, in words.</summary>
    public string? WhyNot(Person person, ApprovalRequirement requirement)
    {
        if (Bar(person) is { } bar && (bar.Role != ParticipantRole.Committer || !requirement.AllowCommitters))
        {
            return bar.Why;
        }

        return WhyNotIn(person, requirement.From);
    }

    public static string WhyParticipant(Person person, ParticipantRole role) => role switch
    {
        ParticipantRole.Author => $"{person.Name} is the author",
        ParticipantRole.CoAuthor => $"{person.Name} co-authored the change",
        ParticipantRole.Prompter => $"{person.Name} prompted the agent that wrote it",
        ParticipantRole.Agent => $"{person.Name} is an AI agent or bot",
        _ => $"{person.Name} committed part of the change",
    };

    /// <summary>Null when the person is in the set; otherwise the first part of it they fail (every option's, for <c>any_of</c>).</summary>
    public string? WhyNotIn(Person person, ApproverSet set)
    {
        if (set is ApproverUnion union)
        {
            var reasons = new List<string>(union.Options.Count);
            foreach (var option in union.Options)
            {
                if (WhyNotIn(person, option) is not { } reason)
                {
                    return null;
                }

                reasons.Add(reason);
            }

            return string.Join("; and ", reasons.Distinct(StringComparer.Ordinal));
        }

        var filter = (ApproverFilter)set;
        if (filter.Level is { } level)
        {
            if (person.Level is null || context.Org.RankOf(person.Level) is null)
            {
                return $"{person.Name} has no level in the org directory, the rule needs {level}";
            }

            if (!level.Contains(context.Org, person.Level))
            {
                return $"{person.Name} is {person.Level}, the rule needs {level}";
            }
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

    /// <summary>What the person owns through one of the sources (<c>payments (catalog)</c>), or null.</summary>
    public string? OwnershipOf(Person person, IReadOnlyList<OwnerSource> sources)
    {
        foreach (var source in sources)
        {
            if (Index(source).ByPerson.TryGetValue(person.Id, out var what))
            {
                return what;
            }
        }

        return null;
    }

    /// <summary>True when some owner from <paramref name="source"/> resolves to at least one person.</summary>
    public bool HasOwningPeople(OwnerSource source) => Index(source).ByPerson.Count > 0;

    /// <summary>The owner references <paramref name="source"/> names for this change (<c>@acme/payments</c>, <c>group:default/payments</c>), resolved or not.</summary>
    public IReadOnlyList<string> OwnerNames(OwnerSource source) => Owners(source).Select(o => o.Owner).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every owner source named anywhere in the set (for ordering candidates: owners first).</summary>
    public static IReadOnlyList<OwnerSource> OwnerSourcesOf(ApproverSet set) => set switch
    {
        ApproverUnion union => union.Options.SelectMany(OwnerSourcesOf).Distinct().ToList(),
        ApproverFilter { Owners: { } sources } => sources,
        _ => [],
    };

    /// <summary>The set in words: "someone senior or above who owns payments (catalog)".</summary>
    public string Describe(ApproverSet set) => set switch
    {
        ApproverUnion union => string.Join(", or ", union.Options.Select(Describe)),
        ApproverFilter filter => DescribeFilter(filter),
        _ => "anyone",
    };

    private string DescribeFilter(ApproverFilter filter)
    {
        var parts = new List<string> { filter.Level is { } level ? $"someone {level}" : "someone" };
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
        var things = sources.SelectMany(s => Index(s).Things).Distinct(StringComparer.Ordinal).ToList();
        if (things.Count == 0)
        {
            return sources.Count == 1 && sources[0] == OwnerSource.Consumers
                ? "a consuming component (none is reached)"
                : "the affected code (no owner is known for it)";
        }

        return things.Count <= 3 ? string.Join(" or ", things) : $"{string.Join(", ", things.Take(3))} or {things.Count - 3} more";
    }

    private OwnerIndex Index(OwnerSource source)
    {
        if (owners.TryGetValue(source, out var index))
        {
            return index;
        }

        var things = new List<string>();
        var byPerson = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (owner, what) in Owners(source))
        {
            if (!things.Contains(what, StringComparer.Ordinal))
            {
                things.Add(what);
            }

            foreach (var person in context.Owners.PeopleOf(owner))
            {
                byPerson.TryAdd(person.Id, what);
            }
        }

        return owners[source] = new OwnerIndex(things, byPerson);
    }

    private IEnumerable<(string Owner, string What)> Owners(OwnerSource source) => source switch
    {
        OwnerSource.Affected => context.Change.BlastRadius.Touched.Where(t => t.Owner is not null).Select(t => (t.Owner!, $"{t.Name} (catalog)")),
        OwnerSource.Consumers => context.Change.BlastRadius.Reached.Where(r => r.Owner is not null).Select(r => (r.Owner!, $"{r.Name} (consumer)")),
        _ => context.Change.CodeownersByPath.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .SelectMany(kv => kv.Value.Select(o => (o, $"{FolderOf(kv.Key)} (CODEOWNERS)"))),
    };

    private static string FolderOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[..(slash + 1)];
    }

    private static string RoleWord(ParticipantRole role) => role switch
    {
        ParticipantRole.Author => "author",
        ParticipantRole.CoAuthor => "co-author",
        ParticipantRole.Prompter => "prompter",
        ParticipantRole.Agent => "AI agent or bot",
        _ => "committer",
    };

    /// <summary>
    /// Every identity a participant showed: the e-mail git recorded (and the login a no-reply address names), the key
    /// resolution looked up, and all identities of the person it resolved to. A login that resolved to nobody may be
    /// on either platform, so it counts for both.
    /// </summary>
    private static IEnumerable<IdentityKey> KeysOf(Participant participant)
    {
        var keys = new List<IdentityKey>();
        if (participant.Identity is { Email.Length: > 0 } recorded)
        {
            keys.AddRange(IdentityKey.OfEmail(recorded.Email));
        }

        if (participant.Match.Person is { } person)
        {
            keys.AddRange(IdentityKey.Of(person));
        }

        var looked = participant.Match.Key.Trim();
        if (looked.Contains('@', StringComparison.Ordinal))
        {
            keys.AddRange(IdentityKey.OfEmail(looked));
        }
        else if (looked.Length > 0 && participant.Match.Person is null && !participant.Match.IsBot)
        {
            keys.Add(IdentityKey.OfHandle(HandlePlatform.GitHub, looked));
            keys.Add(IdentityKey.OfHandle(HandlePlatform.GitLab, looked));
        }

        return keys;
    }

    /// <summary>The role that explains a refusal best comes first: a bot identity, then author, co-author, prompter, agent, committer.</summary>
    private static int Rank(ParticipantRole role, bool isBot) => isBot ? -1 : role switch
    {
        ParticipantRole.Author => 0,
        ParticipantRole.CoAuthor => 1,
        ParticipantRole.Prompter => 2,
        ParticipantRole.Agent => 3,
        _ => 4,
    };

    /// <summary>For one owner source: the things owned, in words, and each owning person's first such thing.</summary>
    private sealed record OwnerIndex(IReadOnlyList<string> Things, Dictionary<string, string> ByPerson);
}
