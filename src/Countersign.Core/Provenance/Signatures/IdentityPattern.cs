namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// Which identities (<c>Name &lt;email&gt;</c>) a marker or automation entry means. Every non-null field must match.
/// <see cref="Email"/>, <see cref="Name"/>, <see cref="NamePrefix"/> and <see cref="NameSuffix"/> compare
/// case-insensitively; <see cref="GitHubLogin"/> matches only GitHub's no-reply addresses
/// <c>&lt;digits&gt;+login@users.noreply.github.com</c> and <c>login@users.noreply.github.com</c>;
/// <see cref="EmailPattern"/> is a regular expression on the whole e-mail.
/// </summary>
public sealed record IdentityPattern(
    string? Email = null,
    string? GitHubLogin = null,
    string? Name = null,
    string? NamePrefix = null,
    string? NameSuffix = null,
    string? EmailPattern = null)
{
    public bool IsEmpty => Email is null && GitHubLogin is null && Name is null && NamePrefix is null && NameSuffix is null && EmailPattern is null;
}
