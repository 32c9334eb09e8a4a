namespace Countersign.Core.Ownership.Codeowners;

/// <summary>Where each forge looks for its CODEOWNERS file. Only the first file found is used; the others are ignored.</summary>
public static class CodeownersLocator
{
    // GitHub docs ("CODEOWNERS file location"): .github/, then the root, then docs/; the first one found wins.
    private static readonly string[] GitHub = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

    // GitLab ee/lib/gitlab/code_owners.rb FILE_PATHS = [CODEOWNERS, docs/CODEOWNERS, .gitlab/CODEOWNERS];
    // Repository#code_owners_blob takes the first blob that exists (gitlab-org/gitlab#219916, #366394).
    private static readonly string[] GitLab = ["CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"];

    /// <summary>
    /// The repository-relative paths to try, highest priority first. The caller reads the first one that
    /// exists (at the revision being evaluated) and ignores the rest, as the forge does.
    /// </summary>
    public static IReadOnlyList<string> Candidates(CodeownersFlavor flavor) => flavor switch
    {
        CodeownersFlavor.GitHub => GitHub,
        CodeownersFlavor.GitLab => GitLab,
        _ => throw new ArgumentOutOfRangeException(nameof(flavor), flavor, "Unknown CODEOWNERS flavor."),
    };
}
