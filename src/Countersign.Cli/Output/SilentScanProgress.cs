using Countersign.Engine.Scanning;

namespace Countersign.Cli.Output;

/// <summary>Progress sink for non-interactive runs (CI logs, --json): reports nothing.</summary>
internal sealed class SilentScanProgress : IScanProgress
{
    public static readonly SilentScanProgress Instance = new();

    public void Started(int totalCommits)
    {
    }

    public void Advanced(int doneCommits)
    {
    }

    public void Finished()
    {
    }
}
