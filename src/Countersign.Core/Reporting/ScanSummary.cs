namespace Countersign.Core.Reporting;

/// <summary>
/// The scan report: AI share overall, by tool, by month and by author. Shares are of non-merge commits
/// (merges carry no authored change of their own). <c>Assisted</c> counts status <c>ai</c> only.
/// </summary>
public sealed record ScanSummary(
    string Repository,
    string RepositoryKind,
    int Commits,
    int Merges,
    int NewlyScanned,
    int Unreadable,
    long Diagnostics,
    StatusCounts Overall,
    LineTotals? Lines,
    IReadOnlyList<ToolRow> ByTool,
    IReadOnlyList<MonthRow> ByMonth,
    IReadOnlyList<AuthorRow> ByAuthor,
    ScanTiming? Timing = null);

/// <summary>Counts of non-merge commits by provenance status.</summary>
public sealed record StatusCounts(int Commits, int Ai, int AiSuggested, int HumanDeclared, int Unknown)
{
    public double AiShare => Commits == 0 ? 0 : (double)Ai / Commits;
}

public sealed record LineTotals(long AiLines, long HumanLines, long UnknownLines, int CommitsWithAttribution);

public sealed record ToolRow(string Tool, int Commits, int AiCommits, int SuggestedCommits, double ShareOfCommits, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

public sealed record MonthRow(string Month, StatusCounts Counts);

public sealed record AuthorRow(string Name, string Email, StatusCounts Counts, IReadOnlyList<string> Tools);

public sealed record ScanTiming(double Seconds, double CommitsPerSecond);
