using System.CommandLine;
using System.Text.Json;
using Countersign.Cli.Output;
using Countersign.Cli.Remote;
using Countersign.Core.Text;
using Countersign.Contracts;
using Spectre.Console;

namespace Countersign.Cli.Commands;

/// <summary><c>countersign token create | list | revoke</c>: manage a server's API tokens with an admin token.</summary>
internal static class TokenCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("token", "Create, list and revoke a server's API tokens (needs an admin token)");
        command.Subcommands.Add(CreateToken(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Revoke(context));
        return command;
    }

    private static (Option<string> Server, Option<string?> Token) Connection(Command command)
    {
        var server = new Option<string>("--server") { Description = "The Countersign server's URL", Required = true };
        var token = new Option<string?>("--token") { Description = "Admin API token (default: $COUNTERSIGN_TOKEN)" };
        command.Options.Add(server);
        command.Options.Add(token);
        return (server, token);
    }

    private static Command CreateToken(CliContext context)
    {
        var command = new Command("create", "Create a token; its secret is printed once");
        var (server, token) = Connection(command);
        var name = new Option<string>("--name") { Description = "What the token is for", Required = true };
        var scope = new Option<string>("--scope") { Description = "ci, reviewer or admin", Required = true };
        scope.AcceptOnlyFromAmong("ci", "reviewer", "admin");
        var person = new Option<string?>("--person") { Description = "For a reviewer token: the person id it acts as" };
        var days = NumberOption.Create("--expires-in-days", "Lifetime, 1 to 366 days (default 90)", minimum: 1, maximum: 366);
        var json = new Option<bool>("--json") { Description = "Print the token as JSON" };
        foreach (var option in new Option[] { name, scope, person, days, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Run(context, parse.GetValue(server)!, parse.GetValue(token), async client =>
        {
            var created = await client.CreateTokenAsync(new TokenRequest(parse.GetValue(name)!, parse.GetValue(scope)!, parse.GetValue(person), parse.GetValue(days)));
            if (parse.GetValue(json))
            {
                context.Stdout.WriteLine(JsonSerializer.Serialize(created, CliJson.Indented));
            }
            else
            {
                context.Line($"Created {UntrustedMarkup.Escape(created.Token.Scope)} token [bold]{UntrustedMarkup.Escape(created.Token.Id)}[/]{(created.Token.Person is { } p ? $" acting as {UntrustedMarkup.Escape(p)}" : "")}, expires {created.Token.ExpiresAt:yyyy-MM-dd}. Its secret, shown once:");
                context.Stdout.WriteLine(created.Secret);
            }
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List tokens (never their secrets)");
        var (server, token) = Connection(command);
        var json = new Option<bool>("--json") { Description = "Print the tokens as JSON" };
        command.Options.Add(json);
        command.SetAction(parse => Run(context, parse.GetValue(server)!, parse.GetValue(token), async client =>
        {
            var tokens = await client.TokensAsync();
            if (parse.GetValue(json))
            {
                context.Stdout.WriteLine(JsonSerializer.Serialize(tokens, CliJson.Indented));
                return;
            }

            if (!context.Interactive)
            {
                // Pipes and logs: one unwrapped line per token.
                foreach (var t in tokens)
                {
                    var plain = t.RevokedAt is not null ? "revoked" : t.ExpiresAt <= context.Time.GetUtcNow() ? "expired" : "active";
                    context.Stdout.WriteLine($"{UntrustedText.ForTerminal(t.Id)}\t{t.Scope}\t{UntrustedText.ForTerminal(t.Person ?? "-")}\t{plain}\t{t.ExpiresAt:yyyy-MM-dd}\t{UntrustedText.ForTerminal(t.Name)}");
                }

                return;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("id", "name", "scope", "person", "created", "expires", "state");
            foreach (var t in tokens)
            {
                var state = t.RevokedAt is not null ? "[red]revoked[/]" : t.ExpiresAt <= context.Time.GetUtcNow() ? "[yellow]expired[/]" : "[green]active[/]";
                table.AddRow(UntrustedMarkup.Escape(t.Id), UntrustedMarkup.Escape(t.Name), t.Scope, UntrustedMarkup.Escape(t.Person ?? ""), $"{t.CreatedAt:yyyy-MM-dd}", $"{t.ExpiresAt:yyyy-MM-dd}", state);
            }

            context.Console.Write(table);
        }));
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var command = new Command("revoke", "Revoke a token by id");
        var (server, token) = Connection(command);
        var id = new Argument<string>("id") { Description = "The token's id (from token list)" };
        command.Arguments.Add(id);
        command.SetAction(parse => Run(context, parse.GetValue(server)!, parse.GetValue(token), async client =>
        {
            await client.RevokeTokenAsync(parse.GetValue(id)!);
            context.Line($"Revoked token {UntrustedMarkup.Escape(parse.GetValue(id)!)}.");
        }));
        return command;
    }

    private static int Run(CliContext context, string url, string? token, Func<ServerClient, Task> work)
    {
        if (Enforcement.ServerOptions.ParseUrl(url) is not { } uri)
        {
            return context.Fail(ExitCodes.UsageOrConfig, $"--server: '{url}' is not an http(s) URL");
        }

        using var client = new ServerClient(new RemoteServer(uri, token, false), context.Environment);
        try
        {
            work(client).GetAwaiter().GetResult();
            return ExitCodes.Success;
        }
        catch (ServerFailureException e)
        {
            return context.Fail(ExitCodes.Infrastructure, e.Message);
        }
        catch (ServerRefusedException e)
        {
            return RemoteEnforcement.Refused(context, e);
        }
    }
}
