namespace Countersign.Cli.Remote;

/// <summary>
/// A Countersign server the CLI talks to instead of the local store (<c>--server</c>). <see cref="FailOpen"/> lets
/// <c>check</c>, <c>deploy-gate</c> and the pre-receive hook pass while the server is unavailable (never when it
/// answers "no", fails on its own, or reports its audit log damaged).
/// </summary>
internal sealed record RemoteServer(Uri Url, string? Token, bool FailOpen)
{
    /// <summary>The one decision whether a gate passes although the server gave no answer.</summary>
    public bool PassesDespite(ServerFailureException failure) => FailOpen && failure.Unavailable;
}
