using Countersign.Core.Organisation;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Turns owner references into people: catalog refs (<c>group:default/payments</c>, <c>user:default/alice</c>),
/// CODEOWNERS owners (<c>@acme/payments</c>, <c>@alice</c>, <c>alice@acme.com</c>) and bare team ids. A group or
/// team is matched to the org directory team with the same id (the last path segment for <c>@org/team</c>).
/// Unknown owners resolve to nobody: they can never make someone eligible.
/// </summary>
public sealed class OwnerResolver(OrgDirectory org, IdentityResolver identities)
{
    private readonly Dictionary<string, IReadOnlyList<Person>> cache = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<Person> PeopleOf(string owner)
    {
        if (cache.TryGetValue(owner, out var known))
        {
            return known;
        }

        var people = Resolve(owner.Trim());
        cache[owner] = people;
        return people;
    }

    /// <summary>The directory team an owner reference names, if it names one.</summary>
    public string? TeamOf(string owner)
    {
        var value = owner.Trim();
        if (value.StartsWith('@'))
        {
            var slash = value.LastIndexOf('/');
            return slash > 0 && org.FindTeam(value[(slash + 1)..]) is { } team ? team.Id : null;
        }

        if (value.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var (kind, name) = SplitRef(value);
        return kind is null or "group" && org.FindTeam(name) is { } t ? t.Id : null;
    }

    private List<Person> Resolve(string owner)
    {
        if (TeamOf(owner) is { } teamId)
        {
            return [.. org.MembersOf(teamId)];
        }

        if (owner.StartsWith('@'))
        {
            if (owner.Contains('/', StringComparison.Ordinal))
            {
                return [];
            }

            var gh = identities.ResolveHandle(HandlePlatform.GitHub, owner[1..]);
            var match = gh.Person is not null ? gh : identities.ResolveHandle(HandlePlatform.GitLab, owner[1..]);
            return match.Person is { } p ? [p] : [];
        }

        if (owner.Contains('@', StringComparison.Ordinal))
        {
            return identities.Resolve("", owner).Person is { } p ? [p] : [];
        }

        var (kind, name) = SplitRef(owner);
        return kind is null or "user" && org.FindPerson(name) is { } person ? [person] : [];
    }

    /// <summary>Splits <c>kind:namespace/name</c> into the lower-case kind (or null) and the name.</summary>
    private static (string? Kind, string Name) SplitRef(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? value[..colon].ToLowerInvariant() : null;
        var rest = colon > 0 ? value[(colon + 1)..] : value;
        var slash = rest.LastIndexOf('/');
        return (kind, slash >= 0 ? rest[(slash + 1)..] : rest);
    }
}
