using System.Text.RegularExpressions;

namespace Countersign.Core.Provenance.Signatures;

/// <summary>An <see cref="IdentityPattern"/> ready to test names and e-mails without allocating.</summary>
internal sealed class CompiledIdentity(IdentityPattern pattern)
{
    // Built on first use (after the cheap conditions passed): building a pattern costs milliseconds.
    private readonly Lazy<Regex>? emailRegex = pattern.EmailPattern is null ? null : new Lazy<Regex>(() => SignatureMatcher.CompileRegex(pattern.EmailPattern));

    public IdentityPattern Pattern { get; } = pattern;

    public bool Matches(ReadOnlySpan<char> name, ReadOnlySpan<char> email)
    {
        var p = Pattern;
        if (p.Email is not null && !email.Equals(p.Email, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (p.GitHubLogin is not null && !(GitHubNoReply.TryGetLogin(email, out var login) && login.Equals(p.GitHubLogin, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (p.Name is not null && !name.Trim().Equals(p.Name, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (p.NamePrefix is not null && !name.TrimStart().StartsWith(p.NamePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (p.NameSuffix is not null && !name.TrimEnd().EndsWith(p.NameSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return emailRegex is null || emailRegex.Value.IsMatch(email);
    }
}
