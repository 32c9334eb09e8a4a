namespace Countersign.Core.Ownership.Codeowners;

/// <summary>
/// Which forge's CODEOWNERS dialect a file is written in. The two differ in where the file lives,
/// in syntax (GitLab has sections and <c>!</c> exclusions) and in how a pattern matches a path.
/// </summary>
public enum CodeownersFlavor
{
    /// <summary>GitHub: one ordered list of rules, gitignore-style patterns, last match wins.</summary>
    GitHub,

    /// <summary>
    /// GitLab: rules grouped in sections that all apply; patterns are <c>File.fnmatch</c> globs where a
    /// relative pattern floats to any depth and only a trailing <c>/</c> matches a directory's contents.
    /// </summary>
    GitLab,
}
