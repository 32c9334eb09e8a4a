namespace Countersign.Cli.Scanning;

/// <summary>What one scan did: how many commits it processed, how many it could not fully read, and how long it took.</summary>
/// <param name="Tips">The selection's tips as resolved when the scan started.</param>
/// <param name="Selected">Every commit of the selection, oldest first, when the scan had to list them all anyway
/// (a first scan); null when it listed only the new ones.</param>
internal sealed record ScanOutcome(
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
