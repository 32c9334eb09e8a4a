using System.CommandLine;
using Countersign.Cli.Remote;

namespace Countersign.Cli.Enforcement;

/// <summary>The options that send a command to a Countersign server instead of the local store.</summary>
internal sealed class ServerOptions
{
    public Option<string?> Server { get; } = new("--server") { Description = "Use the Countersign server at this URL instead of the local store" };

    public Option<string?> Token { get; } = new("--token") { Description = "API token for --server (default: $COUNTERSIGN_TOKEN; prefer the variable: arguments show in process lists)" };

    public Option<bool> FailOpen { get; } = new("--fail-open") { Description = "With --server: pass when the server cannot be reached (it still fails when the server answers no)" };

    public Option<string?> RepositoryName { get; } = new("--repository-name") { Description = "The repository's name on the server (default: $GITHUB_REPOSITORY, $CI_PROJECT_PATH, else origin's owner/name)" };

    public ServerOptions()
    {
        Server.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } url && ParseUrl(url) is null)
            {
                result.AddError($"--server: '{url}' is not an http(s) URL");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Token);
        command.Options.Add(FailOpen);
        command.Options.Add(RepositoryName);
    }

    /// <summary>The server to use, or null for the local store. An unusable URL is a usage error.</summary>
    public RemoteServer? Read(ParseResult parse)
    {
        var url = parse.GetValue(Server);
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        return new RemoteServer(ParseUrl(url)!, parse.GetValue(Token), parse.GetValue(FailOpen));
    }

    /// <summary>A server URL as every command takes it: http(s), absolute, with a trailing slash so API paths append; null when it is not one.</summary>
    internal static Uri? ParseUrl(string url) =>
        Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}
