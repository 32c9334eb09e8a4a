namespace Countersign.Core.Provenance;

/// <summary>
/// Line-level authorship for a commit, from git-ai notes and/or Agent Trace records.
/// <see cref="Sources"/> names where it came from (<c>git-ai</c>, <c>agent-trace</c>).
/// </summary>
public sealed record LineAttribution(IReadOnlyList<FileLineAttribution> Files, IReadOnlyList<string> Sources)
{
    public int AiLines => Files.Sum(f => f.AiLines);

    public int HumanLines => Files.Sum(f => f.HumanLines);

    public int UnknownLines => Files.Sum(f => f.UnknownLines);

    /// <summary>Share of attributed added lines written by AI, or null when no lines are counted.</summary>
    public double? AiShare
    {
        get
        {
            var total = AiLines + HumanLines + UnknownLines;
            return total == 0 ? null : (double)AiLines / total;
        }
    }
}
