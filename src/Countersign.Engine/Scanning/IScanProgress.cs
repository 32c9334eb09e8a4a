namespace Countersign.Engine.Scanning;

/// <summary>Receives scan progress; implementations draw a progress bar or stay silent.</summary>
public interface IScanProgress
{
    void Started(int totalCommits);

    void Advanced(int doneCommits);

    void Finished();
}
