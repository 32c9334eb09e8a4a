namespace Countersign.Demo;

/// <summary>
/// A generated text file as header, blocks and footer, so that work can insert, change or remove whole blocks and
/// know exactly which lines of the new file it wrote.
/// </summary>
internal sealed class DemoSourceFile
{
    public DemoSourceFile(DemoArea? area, List<string> header, List<List<string>> blocks, List<string> footer)
    {
        Area = area;
        Header = header;
        Blocks = blocks;
        Footer = footer;
    }

    /// <summary>The area whose templates made the file; null for plain files (manifests, docs).</summary>
    public DemoArea? Area { get; }

    public List<string> Header { get; }

    public List<List<string>> Blocks { get; }

    public List<string> Footer { get; }

    public int LineCount => Header.Count + Blocks.Sum(b => b.Count) + Footer.Count;

    /// <summary>The 1-based line number of the first line of block <paramref name="index"/> (or of the footer when index = Blocks.Count).</summary>
    public int FirstLineOfBlock(int index) => Header.Count + Blocks.Take(index).Sum(b => b.Count) + 1;

    public DemoSourceFile Clone() =>
        new(Area, [.. Header], Blocks.Select(b => new List<string>(b)).ToList(), [.. Footer]);

    public string Render()
    {
        var lines = Header.Concat(Blocks.SelectMany(b => b)).Concat(Footer);
        return string.Join('\n', lines) + "\n";
    }
}
