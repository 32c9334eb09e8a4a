namespace Countersign.Core.Ownership.Codeowners;

/// <summary>
/// A parsed CODEOWNERS file with its patterns compiled once, ready to answer "who owns this path?"
/// many times. Immutable and safe to share between threads.
/// </summary>
public sealed class CodeownersFile
{
    private readonly CodeownersRuleIndex[] indexes;

    internal CodeownersFile(string source, CodeownersFlavor flavor, IReadOnlyList<CodeownersSection> sections)
    {
        Source = source;
        Flavor = flavor;
        Sections = sections;
        indexes = sections.Select(s => new CodeownersRuleIndex(s.Rules, flavor)).ToArray();
    }

    /// <summary>Where the text came from, as given to the parser (used in diagnostics).</summary>
    public string Source { get; }

    public CodeownersFlavor Flavor { get; }

    /// <summary>
    /// The sections in order of first appearance. GitHub: exactly one, unnamed. GitLab: the unnamed section
    /// (rules before any header) first when it has rules, then the named ones.
    /// </summary>
    public IReadOnlyList<CodeownersSection> Sections { get; }

    /// <summary>
    /// Evaluates every section for <paramref name="path"/>, a repository-relative file path with forward
    /// slashes (a leading <c>/</c> is ignored). Paths are case-sensitive, as on both forges.
    /// </summary>
    public CodeownersMatch Match(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var relative = path.TrimStart('/');
        var matches = new List<CodeownersSectionMatch>();
        for (var s = 0; s < Sections.Count; s++)
        {
            var section = Sections[s];
            var excluded = indexes[s].FirstExclusion(relative);
            if (excluded >= 0)
            {
                matches.Add(new CodeownersSectionMatch(section.Name, section.Rules[excluded], [], 0, section.IsOptional, IsExcluded: true));
                continue;
            }

            var last = indexes[s].LastMatch(relative);
            if (last < 0)
            {
                continue;
            }

            var rule = section.Rules[last];
            var approvals = rule.Owners.Count == 0 ? 0 : section.RequiredApprovals;
            matches.Add(new CodeownersSectionMatch(section.Name, rule, rule.Owners, approvals, section.IsOptional, IsExcluded: false));
        }

        return new CodeownersMatch(relative, matches);
    }
}
