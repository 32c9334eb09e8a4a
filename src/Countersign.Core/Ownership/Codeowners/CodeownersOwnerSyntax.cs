using System.Text.RegularExpressions;

namespace Countersign.Core.Ownership.Codeowners;

/// <summary>What each forge accepts as an owner. Whether the user or team exists is a question for the forge's API, not for syntax.</summary>
internal static partial class CodeownersOwnerSyntax
{
    public static bool IsValid(string owner, CodeownersFlavor flavor) =>
        Email().IsMatch(owner) || (flavor == CodeownersFlavor.GitLab
            ? GitLabName().IsMatch(owner) || GitLabRole().IsMatch(owner)
            : GitHubUser().IsMatch(owner) || GitHubTeam().IsMatch(owner));

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

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}
