namespace Countersign.Core.Provenance;

/// <summary>Line-level authorship of the lines a commit added to one file.</summary>
public sealed record FileLineAttribution(string Path, int AiLines, int HumanLines, int UnknownLines, IReadOnlyList<string> Tools)
{
    public int TotalLines => AiLines + HumanLines + UnknownLines;
}
