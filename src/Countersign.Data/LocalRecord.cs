using System.Data.Common;
using System.Text.Json.Nodes;
using Countersign.Core.SignOffs;
using Countersign.Core.Text;
using Dapper;

namespace Countersign.Data;

/// <summary>
/// Local, server-less enforcement's record: the sign-offs and deploy decisions the command line takes without a
/// server, kept in a SQLite file with the server's schema, stores and audit chain (so <c>countersign audit verify
/// --database FILE</c> checks it as it checks a server's). Rows are filed under the repository's path. Opening
/// migrates the file and, once, moves the sign-offs and deploy decisions a former countersign kept in its scan
/// database into it (<see cref="FormerLocalStore"/>). Failures are <see cref="LocalRecordException"/>s naming the file.
/// </summary>
public sealed class LocalRecord : IAsyncDisposable
{
    /// <summary>Who local records are by: nothing authenticates a local user; the person signing is in the record.</summary>
    public const string Actor = "local";

    private readonly ServerDatabase database;

    private LocalRecord(string path, ServerDatabase database)
    {
        Path = path;
        this.database = database;
    }

    /// <summary>The record's file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens (creating and migrating when needed) the record at <paramref name="path"/>; when <paramref name="formerDatabase"/>
    /// (the scan database a former countersign kept sign-offs in) still holds some, they are moved here first.
    /// </summary>
    /// <exception cref="LocalRecordException">The file cannot be opened, migrated or written.</exception>
    public static async Task<LocalRecord> OpenAsync(string path, string? formerDatabase, DateTimeOffset now, CancellationToken cancellation = default)
    {
        var full = System.IO.Path.GetFullPath(path);
        ServerDatabase? database = null;
        try
        {
            database = ServerDatabase.Open(full);
            if (await VersionAsync(database, cancellation) < Migrations.Latest)
            {
                await Migrations.ApplyAsync(database, cancellation);
            }

            if (formerDatabase is not null)
            {
                await FormerLocalStore.ImportAsync(database, System.IO.Path.GetFullPath(formerDatabase), now, cancellation);
            }

            var record = new LocalRecord(full, database);
            database = null;
            return record;
        }
        catch (Exception e) when (Failure(e))
        {
            throw new LocalRecordException(full, "cannot use as countersign's local record", e.Message, e);
        }
        finally
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The sign-offs filed under <paramref name="changeKey"/> in <paramref name="repository"/>, and those given there for
    /// the same content (<paramref name="patchId"/>; an empty one matches by key only), oldest first.
    /// </summary>
    public async Task<IReadOnlyList<SignOff>> SignOffsAsync(string repository, string changeKey, string patchId, CancellationToken cancellation = default) =>
        await Guard("reading sign-offs", async () => (await database.ReadAsync(
            c => SignOffStore.ForChangeAsync(c, null, repository, changeKey, patchId), cancellation)).Select(v => v.ToSignOff()).ToList());

    /// <summary>
    /// Records <paramref name="signOff"/> for <paramref name="repository"/> with its audit record, in one transaction.
    /// Recording the identical sign-off again is a no-op; another one under the same id is refused.
    /// </summary>
    public async Task AddAsync(string repository, SignOff signOff, CancellationToken cancellation = default) =>
        await Guard("recording a sign-off", () => database.WriteAsync(async scope =>
        {
            if (await SignOffStore.ByIdAsync(scope.Connection, scope.Transaction, signOff.Id) is { } existing)
            {
                return existing.ToSignOff() is var stored && Same(stored, signOff)
                    ? 0
                    : throw new LocalRecordException(Path, "recording a sign-off", $"sign-off id '{UntrustedText.Bound(signOff.Id, 100)}' is already recorded for a different sign-off");
            }

            await RecordSignOffAsync(scope, repository, signOff, Actor, null);
            return 1;
        }, signOff.At, cancellation));

    /// <summary>Records a deploy gate's decision with its audit record; its id.</summary>
    /// <param name="repository">The repository's path.</param>
    /// <param name="decision">What was decided.</param>
    /// <param name="cancellation">Cancels before the commit.</param>
    /// <exception cref="ArgumentException">The summary is not JSON.</exception>
    public async Task<long> RecordDeployDecisionAsync(string repository, LocalDeployDecision decision, CancellationToken cancellation = default)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(decision.Summary);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ArgumentException($"the summary is not JSON: {e.Message}", nameof(decision), e);
        }

        return await Guard("recording a deploy decision", () => database.WriteAsync(
            scope => RecordDeployAsync(scope, repository, decision, Actor, null), decision.At, cancellation));
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    /// <summary>A sign-off's row and its audit record (<paramref name="extra"/> adds to the record's content).</summary>
    internal static async Task RecordSignOffAsync(WriteScope scope, string repository, SignOff signOff, string actor, JsonObject? extra)
    {
        await SignOffStore.InsertLocalAsync(scope, repository, signOff);
        var content = new JsonObject
        {
            ["signOff"] = signOff.Id,
            ["change"] = null,
            ["repository"] = repository,
            ["key"] = signOff.ChangeKey,
            ["person"] = signOff.PersonId,
            ["patchId"] = signOff.PatchId,
            ["revision"] = 0,
            ["rules"] = new JsonArray(),
            ["comment"] = UntrustedText.Bound(signOff.Comment, 500),
        };
        Add(content, extra);
        await scope.AuditAsync($"signoff.{SignOffRow.KindName(signOff.Kind)}", actor, content);
    }

    /// <summary>A deploy decision's row and its audit record, written as the server writes them; its id.</summary>
    internal static async Task<long> RecordDeployAsync(WriteScope scope, string repository, LocalDeployDecision d, string actor, JsonObject? extra) =>
        await DeployDecisionStore.RecordAsync(scope, actor, repository, d.Service, d.Environment, d.FromSha, d.ToSha, d.Allowed, d.Summary, d.At, extra);

    private static void Add(JsonObject content, JsonObject? extra)
    {
        foreach (var (name, value) in extra ?? [])
        {
            content[name] = value?.DeepClone();
        }
    }

    private static bool Same(SignOff a, SignOff b) =>
        a.ChangeKey == b.ChangeKey && a.PersonId == b.PersonId && a.Kind == b.Kind && a.PatchId == b.PatchId && a.HeadSha == b.HeadSha
        && Db.Time(a.At) == Db.Time(b.At) && a.Comment == UntrustedText.Bound(b.Comment, SignOff.MaxCommentLength)
        && a.FilePatchIds.Count == b.FilePatchIds.Count && a.FilePatchIds.All(kv => b.FilePatchIds.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static async Task<int> VersionAsync(ServerDatabase database, CancellationToken cancellation) =>
        await database.ReadAsync(async c =>
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") == 0
                ? 0
                : await Migrations.VersionAsync(c), cancellation);

    private async Task<T> Guard<T>(string what, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (Failure(e))
        {
            throw new LocalRecordException(Path, what, e.Message, e);
        }
    }

    private static bool Failure(Exception e) =>
        e is DbException or IOException or UnauthorizedAccessException or AuditHeadException or ArgumentException && e is not LocalRecordException;
}
