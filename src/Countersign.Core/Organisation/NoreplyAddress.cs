using System.Text.RegularExpressions;

namespace Countersign.Core.Organisation;

/// <summary>
/// The no-reply addresses GitHub and GitLab commit with on a user's behalf, which name the user's login:
/// <c>login@users.noreply.github.com</c>, <c>12345+login@users.noreply.github.com</c> and
/// <c>12345-login@users.noreply.gitlab.com</c>.
/// </summary>
internal static partial class NoreplyAddress
{
    /// <summary>The login a no-reply address names, with its platform, or null when it is not one.</summary>
    public static (HandlePlatform Platform, string Login)? LoginOf(string email)
    {
        if (GitHub().Match(email) is { Success: true } gh)
        {
            return (HandlePlatform.GitHub, gh.Groups["login"].Value);
        }

        return GitLab().Match(email) is { Success: true } gl ? (HandlePlatform.GitLab, gl.Groups["login"].Value) : null;
    }

    /// <summary><c>login@…</c> or <c>12345+login@users.noreply.github.com</c>.</summary>
    [GeneratedRegex(@"^(?:[0-9]+\+)?(?<login>[^@\s+]+)@users\.noreply\.github\.com$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GitHub();

    /// <summary><c>12345-username@users.noreply.gitlab.com</c>.</summary>
    [GeneratedRegex(@"^[0-9]+-(?<login>[^@\s]+)@users\.noreply\.gitlab\.com$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GitLab();
}
