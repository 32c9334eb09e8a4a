namespace Countersign.Core.Organisation;

/// <summary>
/// The one uniqueness check of the org directory, for every path into it (org.yaml and CSV, <c>PUT /api/v1/org</c>,
/// SCIM): no e-mail, handle or no-reply address (as the login it names) may belong to two people, or to a person and
/// a bot. Claims are made in order; a claim on a key someone else claimed first is a conflict, named in words.
/// </summary>
public sealed class IdentityClaims
{
    private readonly Dictionary<string, (string Owner, string? Place, IdentityKey Key)> claims = new(StringComparer.Ordinal);

    /// <summary>Every conflict within <paramref name="directory"/>, people in order and then bots; empty when it is consistent.</summary>
    public static IReadOnlyList<string> ConflictsIn(OrgDirectory directory)
    {
        var claims = new IdentityClaims();
        return directory.People.SelectMany(p => claims.Claim(OwnerOf(p), IdentityKey.Of(p)))
            .Concat(directory.Bots.SelectMany(b => claims.Claim(BotOwner, IdentityKey.Of(b))))
            .ToList();
    }

    /// <summary>Every identity of every person and bot in <paramref name="directory"/> claimed, people first.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="except">A person id left out (the one being changed).</param>
    public static IdentityClaims Of(OrgDirectory directory, string? except = null)
    {
        var claims = new IdentityClaims();
        foreach (var person in directory.People.Where(p => p.Id != except))
        {
            claims.Claim(OwnerOf(person), IdentityKey.Of(person));
        }

        foreach (var bot in directory.Bots)
        {
            claims.Claim(BotOwner, IdentityKey.Of(bot));
        }

        return claims;
    }

    /// <summary>How a bot is named as an owner (all bots are one owner: two bots may share an identity).</summary>
    public const string BotOwner = "a bot";

    /// <summary>How a person is named as an owner.</summary>
    public static string OwnerOf(Person person) => $"person '{person.Id}'";

    /// <summary>The conflicts of <paramref name="person"/> with every other person and bot of <paramref name="directory"/>; empty when it may join as it is.</summary>
    public static IReadOnlyList<string> ConflictsOf(OrgDirectory directory, Person person) =>
        Of(directory, except: person.Id).Claim(OwnerOf(person), IdentityKey.Of(person));

    /// <summary>Claims <paramref name="keys"/> for <paramref name="owner"/>; returns one message per key another owner claimed first.</summary>
    /// <param name="owner">Who claims (<c>person 'dana'</c>, <see cref="BotOwner"/>).</param>
    /// <param name="keys">The identities.</param>
    /// <param name="place">Where the claim is written (<c>line 3</c>), for later conflicts' messages.</param>
    public IReadOnlyList<string> Claim(string owner, IEnumerable<IdentityKey> keys, string? place = null)
    {
        var conflicts = new List<string>();
        foreach (var key in keys)
        {
            if (!claims.TryGetValue(key.Normalised, out var first))
            {
                claims.Add(key.Normalised, (owner, place, key));
            }
            else if (first.Owner != owner)
            {
                var where = first.Place is null ? "" : $" ({first.Place})";
                var theirs = first.Key.IsDerived || key.IsDerived ? $" as {first.Key.Shown}" : "";
                conflicts.Add($"{key.Shown} is already listed for {first.Owner}{theirs}{where}");
            }
        }

        return conflicts;
    }
}
