using System.CommandLine;
using System.Text.Json;
using Countersign.Cli.Output;
using Countersign.Cli.Remote;
using Countersign.Core.Audit;
using Countersign.Contracts;
using Countersign.Data;
using Spectre.Console;

namespace Countersign.Cli.Commands;

/// <summary>
/// <c>audit verify</c> and <c>audit export</c>: read the server's audit chain straight from its database (the
/// independent check: it trusts nothing the server says) or through the API. Both sources run the same verification
/// (<see cref="AuditStore.VerifyAsync"/>: chain, head row and state tables), so they give one answer; this command
/// only renders it.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("audit", "Verify or export the server's tamper-evident audit log");
        command.Subcommands.Add(Verify(context));
        command.Subcommands.Add(Export(context));
        return command;
    }

    private static (Option<string?> Database, Option<string?> Server, Option<string?> Token) Sources(Command command)
    {
        var database = new Option<string?>("--database") { Description = "Read the server's database directly: a SQLite file or a PostgreSQL URL / connection string" };
        var server = new Option<string?>("--server") { Description = "Read through the API of the server at this URL (admin token)" };
        var token = new Option<string?>("--token") { Description = "Admin API token for --server (default: $COUNTERSIGN_TOKEN)" };
        command.Options.Add(database);
        command.Options.Add(server);
        command.Options.Add(token);
        return (database, server, token);
    }

    private static Command Verify(CliContext context)
    {
        var command = new Command("verify", "Check every record of the audit chain and name any that was modified, deleted, inserted or reordered");
        var (database, server, token) = Sources(command);
        var head = new Option<string?>("--expect-head") { Description = "A head hash published earlier: the chain must still contain it (catches a truncated tail)" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        command.Options.Add(head);
        command.Options.Add(json);
        command.SetAction(parse => RunVerify(context, parse.GetValue(database), parse.GetValue(server), parse.GetValue(token), parse.GetValue(head), parse.GetValue(json)));
        return command;
    }

    private static Command Export(CliContext context)
    {
        var command = new Command("export", "Write the audit log as JSON Lines (one record per line, oldest first)");
        var (database, server, token) = Sources(command);
        var output = new Option<string?>("--output", "-o") { Description = "File to write (default: stdout)" };
        command.Options.Add(output);
        command.SetAction(parse => RunExport(context, parse.GetValue(database), parse.GetValue(server), parse.GetValue(token), parse.GetValue(output)));
        return command;
    }

    internal static int RunVerify(CliContext context, string? database, string? server, string? token, string? expectHead, bool json)
    {
        AuditVerification verification;
        try
        {
            verification = Source(context, database, server, token, store => store.VerifyAsync(expectHead, CancellationToken.None), client => client.VerifyAuditAsync(expectHead));
        }
        catch (AuditSourceException e)
        {
            return context.Fail(e.Exit, e.Message);
        }

        if (json)
        {
            context.Stdout.WriteLine(JsonSerializer.Serialize(verification, CliJson.Indented));
        }
        else if (verification.Valid)
        {
            context.Line($"[green]✔ audit log intact[/]: {verification.Records} record(s), head {verification.HeadHash}; {verification.StateRows} state row(s) accounted for");
        }
        else
        {
            context.Line($"[red]✘ audit log tampered with[/]: {verification.ProblemCount} problem(s) in {verification.Records} record(s) and {verification.StateRows} state row(s)");
            foreach (var problem in verification.Problems)
            {
                context.Line($"  [red]{UntrustedMarkup.Escape(problem.Kind)}[/] {UntrustedMarkup.Escape(problem.Explanation)}");
            }

            if (verification.ProblemCount > verification.Problems.Count)
            {
                context.Line($"  … and {verification.ProblemCount - verification.Problems.Count} more");
            }
        }

        return verification.Valid ? ExitCodes.Success : ExitCodes.NotSatisfied;
    }

    private static int RunExport(CliContext context, string? database, string? server, string? token, string? output)
    {
        output = output is null ? null : OutputPath.Require("--output", output, context.WorkingDirectory);
        using var writer = output is null ? null : new StreamWriter(output);
        var target = writer ?? context.Stdout;
        long written;
        try
        {
            written = Source(context, database, server, token, store => WriteAsync(store.AllAsync(CancellationToken.None), target), client => WriteAsync(PagesAsync(client), target));
        }
        catch (AuditSourceException e)
        {
            return context.Fail(e.Exit, e.Message);
        }

        if (output is not null)
        {
            context.Note($"wrote {written} record(s) to {output}");
        }

        return ExitCodes.Success;
    }

    private static async Task<long> WriteAsync(IAsyncEnumerable<AuditEntry> entries, TextWriter target)
    {
        long count = 0;
        await foreach (var entry in entries)
        {
            await target.WriteLineAsync(JsonSerializer.Serialize(entry, CliJson.Compact));
            count++;
        }

        return count;
    }

    private static async IAsyncEnumerable<AuditEntry> PagesAsync(ServerClient client)
    {
        long after = 0;
        while (true)
        {
            var page = (await client.GetAsync($"api/v1/audit?after={after}&limit=500")).Deserialize<Page<AuditEntry>>(CliJson.Compact)!;
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (page.Items.Count < 500)
            {
                yield break;
            }

            after = page.Items[^1].Sequence;
        }
    }

    /// <summary>
    /// Runs the work against the one source named: the database itself, read through the server's data layer (the
    /// independent check: it trusts nothing the server says), or the server's API.
    /// </summary>
    private static T Source<T>(CliContext context, string? database, string? server, string? token, Func<AuditStore, Task<T>> fromDatabase, Func<ServerClient, Task<T>> fromServer)
    {
        if ((database is null) == (server is null))
        {
            throw new AuditSourceException(ExitCodes.UsageOrConfig, "name one source: --database CONNECTION or --server URL");
        }

        return database is not null ? FromDatabase(context, database, fromDatabase) : FromServer(context, server!, token, fromServer);
    }

    private static T FromDatabase<T>(CliContext context, string database, Func<AuditStore, Task<T>> work)
    {
        var isPostgres = ServerDatabase.KindOf(database) == DatabaseKind.PostgreSql;
        if (!isPostgres && !File.Exists(Path.GetFullPath(database, context.WorkingDirectory)))
        {
            throw new AuditSourceException(ExitCodes.UsageOrConfig, $"no database at {database}");
        }

        try
        {
            var db = ServerDatabase.Open(isPostgres ? database : Path.GetFullPath(database, context.WorkingDirectory));
            try
            {
                return work(new AuditStore(db)).GetAwaiter().GetResult();
            }
            finally
            {
                db.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or ArgumentException or TimeoutException or System.Net.Sockets.SocketException or AuditSchemaException)
        {
            throw new AuditSourceException(ExitCodes.Infrastructure, $"cannot read the audit log from {database}: {Storage.StorageFailure.Explain(e)}");
        }
    }

    private static T FromServer<T>(CliContext context, string server, string? token, Func<ServerClient, Task<T>> work)
    {
        if (Enforcement.ServerOptions.ParseUrl(server) is not { } url)
        {
            throw new AuditSourceException(ExitCodes.UsageOrConfig, $"--server: '{server}' is not a URL");
        }

        using var client = new ServerClient(new RemoteServer(url, token, false), context.Environment);
        try
        {
            return work(client).GetAwaiter().GetResult();
        }
        catch (ServerFailureException e)
        {
            throw new AuditSourceException(ExitCodes.Infrastructure, e.Message);
        }
        catch (ServerRefusedException e)
        {
            throw new AuditSourceException(ExitCodes.UsageOrConfig, $"the server refused ({(int)e.Status}): {e.Message}");
        }
    }

    private sealed class AuditSourceException(int exit, string message) : Exception(message)
    {
        public int Exit { get; } = exit;
    }
}
