namespace Countersign.Core.Provenance.Signatures;

/// <summary>GitHub's no-reply e-mail forms: <c>&lt;id&gt;+&lt;login&gt;@users.noreply.github.com</c> and the older <c>&lt;login&gt;@users.noreply.github.com</c>.</summary>
internal static class GitHubNoReply
{
    private const string Domain = "@users.noreply.github.com";

    /// <summary>The login of a GitHub no-reply address, without allocating; false for any other address.</summary>
    public static bool TryGetLogin(ReadOnlySpan<char> email, out ReadOnlySpan<char> login)
    {
        login = default;
        if (!email.EndsWith(Domain, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var local = email[..^Domain.Length];
        var plus = local.IndexOf('+');
        if (plus > 0 && !local[..plus].ContainsAnyExceptInRange('0', '9'))
        {
            local = local[(plus + 1)..];
        }

        login = local;
        return login.Length > 0;
    }
}
