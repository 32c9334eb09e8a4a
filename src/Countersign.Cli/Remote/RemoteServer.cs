namespace Countersign.Cli.Remote;

/// <summary>
/// A Countersign server the CLI talks to instead of the local store (<c>--server</c>). <see cref="FailOpen"/> lets
/// <c>check</c> and <c>deploy-gate</c> pass when the server cannot be reached (never when it answers "no").
/// </summary>
internal sealed record RemoteServer(Uri Url, string? Token, bool FailOpen);
