namespace Countersign.Engine.Scanning;

/// <summary>
/// What one scan did: how many commits it processed, how many it could not fully read, and how long it took; the
/// selection's tips as resolved when it started, and every commit of the selection (oldest first) when it had to
/// list them all anyway (a first scan), so the report need not walk the history again; null when it listed only
/// the new ones.
/// </summary>
public sealed record ScanOutcome(
    long RepositoryId,
    int NewCommits,
    int UnreadableCommits,
    int Diagnostics,
    TimeSpan Elapsed,
    IReadOnlyList<string> Tips,
    IReadOnlyList<string>? Selected = null)
{
    public double CommitsPerSecond => Elapsed.TotalSeconds <= 0 ? NewCommits : NewCommits / Elapsed.TotalSeconds;
}
