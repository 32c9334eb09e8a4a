using System.Text;

namespace Countersign.Demo;

/// <summary>
/// The working tree as the history plan builds it up, commit by commit. Every edit reports the lines it wrote,
/// and the tree remembers which paths changed since the last <see cref="TakeChanges"/>.
/// </summary>
internal sealed class DemoSourceTree
{
    private readonly SortedDictionary<string, DemoSourceFile> _text = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, byte[]> _binary = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _touched = new(StringComparer.Ordinal);

    public IEnumerable<string> Paths => _text.Keys.Concat(_binary.Keys);

    public bool Exists(string path) => _text.ContainsKey(path) || _binary.ContainsKey(path);

    public DemoSourceFile File(string path) => _text[path];

    /// <summary>True for a template-made code file with blocks that a fix can edit (not a migration: those are never edited).</summary>
    public bool IsEditableSource(string path) =>
        _text.TryGetValue(path, out var f) && f.Area is { Language: not DemoLanguage.Sql } && f.Blocks.Count > 0;

    /// <summary>Source files made from an area's templates that have at least one block.</summary>
    public IReadOnlyList<string> SourceFiles(DemoArea area) =>
        _text.Where(kv => kv.Value.Area == area && kv.Value.Blocks.Count > 0).Select(kv => kv.Key).ToList();

    public DemoLineRange Create(string path, DemoSourceFile file)
    {
        _text[path] = file;
        _touched.Add(path);
        return new DemoLineRange(1, file.LineCount);
    }

    public void SetText(string path, IEnumerable<string> lines) => Create(path, new DemoSourceFile(null, [.. lines], [], []));

    public void SetBinary(string path, byte[] content)
    {
        _binary[path] = content;
        _touched.Add(path);
    }

    public DemoLineRange InsertBlock(string path, int index, List<string> block)
    {
        var file = _text[path];
        file.Blocks.Insert(index, block);
        _touched.Add(path);
        var first = file.FirstLineOfBlock(index);
        return new DemoLineRange(first, first + block.Count - 1);
    }

    public DemoLineRange ReplaceLine(string path, int blockIndex, int lineIndex, string line)
    {
        var file = _text[path];
        file.Blocks[blockIndex][lineIndex] = line;
        _touched.Add(path);
        var number = file.FirstLineOfBlock(blockIndex) + lineIndex;
        return new DemoLineRange(number, number);
    }

    public void RemoveBlock(string path, int index)
    {
        _text[path].Blocks.RemoveAt(index);
        _touched.Add(path);
    }

    /// <summary>Copies of the given files as they are now (null for a file that does not exist), for a later revert.</summary>
    public Dictionary<string, DemoSourceFile?> Snapshot(IEnumerable<string> paths) =>
        paths.ToDictionary(p => p, p => _text.TryGetValue(p, out var f) ? f.Clone() : null, StringComparer.Ordinal);

    public void Restore(IReadOnlyDictionary<string, DemoSourceFile?> snapshot)
    {
        foreach (var (path, file) in snapshot)
        {
            if (file is null)
            {
                _text.Remove(path);
            }
            else
            {
                _text[path] = file.Clone();
            }

            _touched.Add(path);
        }
    }

    public string Render(string path) => _text[path].Render();

    /// <summary>Every path touched since the last call, with its current content (null when deleted).</summary>
    public IReadOnlyList<DemoFileChange> TakeChanges()
    {
        var changes = _touched.Select(Current).ToList();
        _touched.Clear();
        return changes;
    }

    /// <summary>The current content of a path (null when it no longer exists), without marking it touched.</summary>
    public DemoFileChange Current(string path) =>
        _text.TryGetValue(path, out var file) ? new DemoFileChange(path, Encoding.UTF8.GetBytes(file.Render()))
        : _binary.TryGetValue(path, out var bytes) ? new DemoFileChange(path, bytes)
        : new DemoFileChange(path, null);
}
