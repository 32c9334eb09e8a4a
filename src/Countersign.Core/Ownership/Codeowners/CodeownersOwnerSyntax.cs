using System.Text.RegularExpressions;

namespace Countersign.Core.Ownership.Codeowners;

/// <summary>What each forge accepts as an owner. Whether the user or team exists is a question for the forge's API, not for syntax.</summary>
internal static partial class CodeownersOwnerSyntax
{
    /// <summary>
    /// The longest owner either forge accepts (an e-mail address is at most 254 characters, a login or a team path far
    /// less). Longer tokens are invalid before any pattern runs, so no owner check costs more than linear time in a
    /// line an attacker wrote (fuzzing found a 127,000-character token that took a backtracking e-mail pattern 26 s).
    /// </summary>
    public const int MaxOwnerLength = 255;

    public static bool IsValid(string owner, CodeownersFlavor flavor) =>
        owner.Length <= MaxOwnerLength && (IsEmail(owner) || (flavor == CodeownersFlavor.GitLab
            ? GitLabName().IsMatch(owner) || GitLabRole().IsMatch(owner)
            : GitHubUser().IsMatch(owner) || GitHubTeam().IsMatch(owner)));

    /// <summary>
    /// <c>local@domain.tld</c>: one <c>@</c> with text on both sides, no whitespace, and a dot inside the domain with
    /// text on both sides of it — checked in one pass (the equivalent regex backtracks over every dot).
    /// </summary>
    private static bool IsEmail(string owner)
    {
        var at = owner.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || owner.IndexOf('@', at + 1) >= 0 || owner.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var domain = owner.AsSpan(at + 1);
        return domain.Length >= 3 && domain[1..^1].Contains('.');
    }


    public static string Expected(CodeownersFlavor flavor) => flavor == CodeownersFlavor.GitLab
        ? "@user, @group, @group/subgroup, @@role or an email address"
        : "@user, @org/team or an email address";

    // GitHub logins: letters, digits and hyphens (underscore for managed-user shortcodes).
    [GeneratedRegex("^@[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubUser();

    [GeneratedRegex("^@[A-Za-z0-9][A-Za-z0-9_-]*/[A-Za-z0-9_][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubTeam();

    // GitLab usernames and group paths may contain dots and underscores; groups nest with slashes.
    [GeneratedRegex(@"^@[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex GitLabName();

    [GeneratedRegex("^@@(?:developer|maintainer|owner)s?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex GitLabRole();
}
