namespace Countersign.Core.Organisation;

/// <summary>
/// Who an identity from a commit or a platform is, and why Countersign thinks so.
/// </summary>
/// <param name="How">The evidence that matched, or why nothing did.</param>
/// <param name="Person">The person, when the identity is one; null for bots and unresolved identities.</param>
/// <param name="IsBot">The identity is an automation account from the directory's bot list.</param>
/// <param name="ViaMailmap">The match used the identity after <c>.mailmap</c> canonicalisation, not as recorded.</param>
/// <param name="Key">The e-mail or login that matched (or was looked up last, when nothing matched).</param>
/// <param name="Explanation">One sentence for people: what matched, or why nothing did.</param>
public sealed record IdentityMatch(IdentityMatchKind How, Person? Person, bool IsBot, bool ViaMailmap, string Key, string Explanation)
{
    /// <summary>A person or a bot was found.</summary>
    public bool IsResolved => How is not (IdentityMatchKind.Unresolved or IdentityMatchKind.Ambiguous);

    public static IdentityMatch Unresolved(string key, string reason, bool viaMailmap = false) =>
        new(IdentityMatchKind.Unresolved, null, false, viaMailmap, key, reason);

    public override string ToString() => Explanation;
}
