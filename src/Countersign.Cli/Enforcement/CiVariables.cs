using System.Text.RegularExpressions;
using Countersign.Engine.Enforcement;

namespace Countersign.Cli.Enforcement;

/// <summary>
/// Reads what a CI system says about the change being built from its variables: GitHub Actions
/// (<c>GITHUB_REF=refs/pull/N/merge</c>, <c>GITHUB_BASE_REF</c>, <c>GITHUB_HEAD_REF</c>) and GitLab CI
/// (<c>CI_MERGE_REQUEST_IID</c>, <c>CI_MERGE_REQUEST_TARGET_BRANCH_NAME</c>, <c>CI_MERGE_REQUEST_SOURCE_BRANCH_NAME</c>).
/// The engine gets the values; reading the environment is the host's part.
/// </summary>
internal static partial class CiVariables
{
    public static CiEnvironment Read(Func<string, string?> variable)
    {
        string? Get(string name) => variable(name) is { Length: > 0 } value ? value : null;
        if (Get("GITHUB_REF") is { } reference && PullRef().Match(reference) is { Success: true } pull)
        {
            return new($"pr/{pull.Groups[1].Value}", Get("GITHUB_BASE_REF"), Get("GITHUB_HEAD_REF"));
        }

        if (Get("CI_MERGE_REQUEST_IID") is { } iid)
        {
            return new($"mr/{iid}", Get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME"), Get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"));
        }

        return CiEnvironment.None;
    }

    [GeneratedRegex("^refs/pull/([0-9]+)/(merge|head)$")]
    private static partial Regex PullRef();
}
