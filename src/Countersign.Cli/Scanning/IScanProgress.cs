namespace Countersign.Cli.Scanning;

/// <summary>Receives scan progress; implementations draw a progress bar or stay silent.</summary>
internal interface IScanProgress
{
    void Started(int totalCommits);

    void Advanced(int doneCommits);

    void Finished();
}
