using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Cli.Output;
using Countersign.Cli.Remote;
using Countersign.Core.Audit;
using Countersign.Server.Contracts;
using Countersign.Server.Data;
using Spectre.Console;

namespace Countersign.Cli.Commands;

/// <summary>
/// <c>audit verify</c> and <c>audit export</c>: read the server's audit chain straight from its database (the
/// independent check: it trusts nothing the server says) or through the API, verify every link, and name each
/// modified, deleted, inserted or reordered record.
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
        var loaded = Load(context, database, server, token, out var failure);
        if (loaded is null)
        {
            return failure;
        }

        var (records, recordedHead) = loaded.Value;
        var verification = AuditVerifier.Verify(records);
        var problems = verification.Problems.ToList();
        if (recordedHead is { } recorded)
        {
            var last = records.Count == 0 ? 0 : records[^1].Sequence;
            if (recorded.Sequence > last)
            {
                problems.Add(new AuditProblem(recorded.Sequence, "deleted", $"the head records #{recorded.Sequence} but the log ends at #{last}: record{(recorded.Sequence - last == 1 ? "" : "s")} after #{last} {(recorded.Sequence - last == 1 ? "was" : "were")} deleted"));
            }
            else if (recorded.Sequence < last)
            {
                problems.Add(new AuditProblem(last, "inserted", $"the log ends at #{last} but the head records #{recorded.Sequence}: record{(last - recorded.Sequence == 1 ? "" : "s")} after #{recorded.Sequence} {(last - recorded.Sequence == 1 ? "was" : "were")} inserted"));
            }
            else if (recorded.Hash != verification.HeadHash && problems.Count == 0)
            {
                problems.Add(new AuditProblem(last, "modified", $"the last record's hash differs from the recorded head: record #{last} was replaced"));
            }
        }

        if (expectHead is not null && !records.Any(r => string.Equals(r.Hash, expectHead, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(new AuditProblem(0, "deleted", $"the published head {expectHead} is not in the chain: the log was truncated or rewritten"));
        }

        var valid = problems.Count == 0;
        if (json)
        {
            context.Stdout.WriteLine(JsonSerializer.Serialize(new { valid, records = records.Count, headHash = verification.HeadHash, problems }, CliJson.Indented));
        }
        else if (valid)
        {
            context.Line($"[green]✔ audit log intact[/]: {records.Count} record(s), head {verification.HeadHash}");
        }
        else
        {
            context.Line($"[red]✘ audit log tampered with[/]: {problems.Count} problem(s) in {records.Count} record(s)");
            foreach (var problem in problems)
            {
                context.Line($"  [red]{problem.Kind}[/] {UntrustedMarkup.Escape(problem.Explanation)}");
            }
        }

        return valid ? ExitCodes.Success : ExitCodes.NotSatisfied;
    }

    private static int RunExport(CliContext context, string? database, string? server, string? token, string? output)
    {
        var loaded = Load(context, database, server, token, out var failure);
        if (loaded is null)
        {
            return failure;
        }

        using var writer = output is null ? null : new StreamWriter(Path.GetFullPath(output, context.WorkingDirectory));
        var target = writer ?? context.Stdout;
        foreach (var r in loaded.Value.Records)
        {
            var entry = new AuditEntry(r.Sequence, r.At, r.Kind, r.Actor, JsonNode.Parse(r.Content), r.PreviousHash, r.Hash);
            target.WriteLine(JsonSerializer.Serialize(entry, CliJson.Compact));
        }

        if (output is not null)
        {
            context.Note($"wrote {loaded.Value.Records.Count} record(s) to {output}");
        }

        return ExitCodes.Success;
    }

    private static (List<AuditRecord> Records, (long Sequence, string Hash)? Head)? Load(CliContext context, string? database, string? server, string? token, out int failure)
    {
        failure = ExitCodes.Success;
        if ((database is null) == (server is null))
        {
            failure = context.Fail(ExitCodes.UsageOrConfig, "name one source: --database CONNECTION or --server URL");
            return null;
        }

        try
        {
            return database is not null ? FromDatabase(context, database) : FromServer(context, server!, token);
        }
        catch (AuditSourceException e)
        {
            failure = context.Fail(e.Exit, e.Message);
            return null;
        }
    }

    private static (List<AuditRecord>, (long, string)?) FromDatabase(CliContext context, string database)
    {
        var isPostgres = database.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) || database.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        if (!isPostgres && !File.Exists(Path.GetFullPath(database, context.WorkingDirectory)))
        {
            throw new AuditSourceException(ExitCodes.UsageOrConfig, $"no database at {database}");
        }

        try
        {
            var db = ServerDatabase.Open(isPostgres ? database : Path.GetFullPath(database, context.WorkingDirectory));
            try
            {
                return Read(db);
            }
            finally
            {
                db.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or ArgumentException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new AuditSourceException(ExitCodes.Infrastructure, $"cannot read the audit log from {database}: {e.Message}");
        }

        static (List<AuditRecord>, (long, string)?) Read(ServerDatabase db) =>
            db.ReadAsync(async c =>
            {
                var records = new List<AuditRecord>();
                await foreach (var record in AuditStore.AllAsync(c))
                {
                    records.Add(record);
                }

                var head = await Dapper.SqlMapper.QuerySingleAsync<(long, string)>(c, "SELECT sequence, hash FROM audit_head WHERE id = 1");
                return (records, ((long, string)?)head);
            }).GetAwaiter().GetResult();
    }

    private static (List<AuditRecord>, (long, string)?) FromServer(CliContext context, string server, string? token)
    {
        if (Enforcement.ServerOptions.ParseUrl(server) is not { } url)
        {
            throw new AuditSourceException(ExitCodes.UsageOrConfig, $"--server: '{server}' is not a URL");
        }

        using var client = new ServerClient(new RemoteServer(url, token, false), context.Environment);
        var records = new List<AuditRecord>();
        try
        {
            long after = 0;
            while (true)
            {
                var page = client.GetAsync($"api/v1/audit?after={after}&limit=500").GetAwaiter().GetResult();
                var items = page["items"]!.AsArray();
                foreach (var item in items)
                {
                    records.Add(new AuditRecord(
                        item!["sequence"]!.GetValue<long>(), item["at"]!.GetValue<DateTimeOffset>(), item["kind"]!.GetValue<string>(), item["actor"]!.GetValue<string>(),
                        CanonicalJson.Canonicalize(item["content"]), item["previousHash"]!.GetValue<string>(), item["hash"]!.GetValue<string>()));
                }

                if (items.Count < 500)
                {
                    break;
                }

                after = records[^1].Sequence;
            }

            var verify = client.GetAsync("api/v1/audit/verify").GetAwaiter().GetResult();
            var head = verify["recordedHead"]!;
            return (records, (head["sequence"]!.GetValue<long>(), head["hash"]!.GetValue<string>()));
        }
        catch (ServerUnavailableException e)
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
