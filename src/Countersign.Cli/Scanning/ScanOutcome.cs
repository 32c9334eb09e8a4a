namespace Countersign.Cli.Scanning;

/// <summary>What one scan did: how many commits it processed, how many it could not fully read, and how long it took.</summary>
internal sealed record ScanOutcome(long RepositoryId, int NewCommits, int UnreadableCommits, int Diagnostics, TimeSpan Elapsed)
{
    public double CommitsPerSecond => Elapsed.TotalSeconds <= 0 ? NewCommits : NewCommits / Elapsed.TotalSeconds;
}
