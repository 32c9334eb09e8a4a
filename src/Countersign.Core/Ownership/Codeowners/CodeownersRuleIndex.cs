namespace Countersign.Core.Ownership.Codeowners;

/// <summary>
/// The compiled rules of one section, indexed so that a lookup tests only rules that can match.
/// </summary>
/// <remarks>
/// Rules are filed in a trie under their literal leading segments (<c>/src/lib/…</c> under src → lib, the
/// bulk of real files); rules that float or start with a wildcard sit at the root and are pre-filtered by a
/// required literal. A lookup walks the path's segments down the trie and, deepest node first, scans each
/// node's rules from the end, skipping any rule older than the best match so far: the result is the last
/// matching rule of the section while most rules are never looked at.
/// </remarks>
internal sealed class CodeownersRuleIndex
{
    private readonly CodeownersPattern[] patterns;
    private readonly Node root = new();
    private readonly int[] exclusions;

    public CodeownersRuleIndex(IReadOnlyList<CodeownersRule> rules, CodeownersFlavor flavor)
    {
        patterns = new CodeownersPattern[rules.Count];
        var exclusionList = new List<int>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var pattern = CodeownersPattern.Compile(rule.IsExclusion ? rule.Pattern[1..] : rule.Pattern, flavor);
            patterns[i] = pattern;
            if (rule.IsExclusion)
            {
                exclusionList.Add(i);
                continue;
            }

            var node = root;
            foreach (var segment in pattern.LiteralPrefix)
            {
                node = node.Child(segment);
            }

            node.Pending.Add(i);
        }

        root.Freeze();
        exclusions = exclusionList.ToArray();
    }

    /// <summary>The index of the last non-exclusion rule matching <paramref name="path"/>, or -1.</summary>
    public int LastMatch(string path) => Visit(root, path, 0, -1);

    /// <summary>
    /// The index of the first exclusion matching <paramref name="path"/>, or -1. GitLab applies an exclusion
    /// wherever it sits in its section ("if any matching entry is an exclusion"), so order does not matter.
    /// </summary>
    public int FirstExclusion(string path)
    {
        foreach (var i in exclusions)
        {
            if (patterns[i].IsMatch(path))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Best match among <paramref name="node"/>'s subtree along <paramref name="path"/> from <paramref name="offset"/>.</summary>
    private int Visit(Node node, string path, int offset, int best)
    {
        if (offset <= path.Length && node.Children is { } children)
        {
            var slash = path.IndexOf('/', offset);
            var end = slash < 0 ? path.Length : slash;
            if (children.TryGetValue(path.AsSpan(offset, end - offset), out var child))
            {
                best = Visit(child, path, end + 1, best);
            }
        }

        var rules = node.Rules;
        for (var j = rules.Length - 1; j >= 0 && rules[j] > best; j--)
        {
            if (patterns[rules[j]].IsMatch(path))
            {
                return rules[j];
            }
        }

        return best;
    }

    private sealed class Node
    {
        private Dictionary<string, Node>? children;

        public List<int> Pending { get; } = [];

        public int[] Rules { get; private set; } = [];

        public Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>>? Children { get; private set; }

        public Node Child(string segment)
        {
            children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!children.TryGetValue(segment, out var child))
            {
                children[segment] = child = new Node();
            }

            return child;
        }

        public void Freeze()
        {
            Rules = Pending.ToArray();
            Pending.Clear();
            if (children is not null)
            {
                Children = children.GetAlternateLookup<ReadOnlySpan<char>>();
                foreach (var child in children.Values)
                {
                    child.Freeze();
                }
            }
        }
    }
}
