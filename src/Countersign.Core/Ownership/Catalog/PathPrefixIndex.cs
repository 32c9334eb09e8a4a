using DotNet.Globbing;

namespace Countersign.Core.Ownership.Catalog;

/// <summary>
/// Maps repository paths to the entities owning the longest matching prefix, by path segment: a trie, so a lookup
/// costs O(path depth) whether 10 or 100,000 components are registered. A glob is filed under its literal leading
/// folders and tested against the whole path only when the walk reaches it.
/// </summary>
internal sealed class PathPrefixIndex
{
    private readonly Node root = new();

    /// <summary>Files <paramref name="entity"/> under <paramref name="entry"/>, a prefix or glob as normalised by <see cref="SourcePaths.ParseList"/>.</summary>
    public void Add(string entry, int entity)
    {
        var node = root;
        Glob? glob = null;
        foreach (var segment in entry.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (SourcePaths.IsGlob(segment))
            {
                glob = Glob.Parse(entry);
                break;
            }

            node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!node.Children.TryGetValue(segment, out var child))
            {
                node.Children[segment] = child = new Node();
            }

            node = child;
        }

        (node.Entries ??= []).Add((entity, glob));
    }

    /// <summary>The entities of the deepest node along <paramref name="path"/> with at least one matching entry; empty when none.</summary>
    public IReadOnlyList<int> Find(string path)
    {
        var normalized = path.Replace('\\', '/').TrimStart('/');
        List<int>? best = Matches(root, normalized);
        var node = root;
        var rest = normalized.AsSpan();
        while (rest.Length > 0 && node.Children is not null)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            rest = slash < 0 ? [] : rest[(slash + 1)..];
            if (segment.IsEmpty)
            {
                continue;
            }

            if (!node.Children.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(segment, out var child))
            {
                break;
            }

            node = child;
            best = Matches(node, normalized) ?? best;
        }

        return best ?? [];
    }

    private static List<int>? Matches(Node node, string path)
    {
        if (node.Entries is null)
        {
            return null;
        }

        List<int>? result = null;
        foreach (var (entity, glob) in node.Entries)
        {
            if ((glob is null || glob.IsMatch(path)) && !(result?.Contains(entity) ?? false))
            {
                (result ??= []).Add(entity);
            }
        }

        return result;
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Children { get; set; }

        public List<(int Entity, Glob? Glob)>? Entries { get; set; }
    }
}
