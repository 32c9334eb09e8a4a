using System.Data.Common;
using System.Text.Json.Nodes;
using Countersign.Contracts;
using Dapper;

namespace Countersign.Data;

/// <summary>
/// The repositories the server mirrors. Registration is a state change with its audit record in the same transaction;
/// a fetch's outcome and the mirror's size are operational readings, written without an audit record (they decide
/// nothing: every decision reads the mirror itself).
/// </summary>
internal static class RepositoryStore
{
    private const string Columns = "name, url, credential, registered_at, fetched_at, fetch_outcome, fetch_error, mirror_bytes";

    /// <summary>The repository registered as <paramref name="name"/>, or null.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="name">The repository's name.</param>
    public static async Task<RepositoryView?> FindAsync(DbConnection connection, string name) =>
        (await connection.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM repositories WHERE name = @name", new { name }))?.View();

    /// <summary>Every registered repository, by name.</summary>
    /// <param name="connection">An open connection.</param>
    public static async Task<IReadOnlyList<RepositoryView>> ListAsync(DbConnection connection) =>
        (await connection.QueryAsync<Row>($"SELECT {Columns} FROM repositories ORDER BY name")).Select(r => r.View()).ToList();

    /// <summary>The bytes every mirror took after its last fetch.</summary>
    /// <param name="connection">An open connection.</param>
    public static async Task<long> TotalBytesAsync(DbConnection connection) =>
        await connection.ExecuteScalarAsync<long?>("SELECT SUM(mirror_bytes) FROM repositories") ?? 0;

    /// <summary>
    /// Registers a repository, or changes where it is fetched from and with which credential; returns the stored view and
    /// whether it is new. Registering it again unchanged writes nothing.
    /// </summary>
    /// <param name="scope">The write transaction.</param>
    /// <param name="registration">The validated registration.</param>
    /// <param name="actor">Who registered it.</param>
    public static async Task<(RepositoryView View, bool Created)> RegisterAsync(WriteScope scope, RepositoryRegistration registration, string actor)
    {
        var c = scope.Connection;
        var t = scope.Transaction;
        var existing = await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM repositories WHERE name = @Name", new { registration.Name }, t);
        if (existing is null)
        {
            await c.ExecuteAsync(
                "INSERT INTO repositories (name, url, credential, registered_at, registered_by) VALUES (@Name, @Url, @Credential, @now, @actor)",
                new { registration.Name, registration.Url, registration.Credential, now = Db.Time(scope.Now), actor }, t);
            await scope.AuditAsync("repository.registered", actor, Content(registration));
        }
        else if (existing.Url != registration.Url || existing.Credential != registration.Credential)
        {
            await c.ExecuteAsync(
                "UPDATE repositories SET url = @Url, credential = @Credential WHERE name = @Name", new { registration.Name, registration.Url, registration.Credential }, t);
            var content = Content(registration);
            content["previousUrl"] = existing.Url;
            content["previousCredential"] = existing.Credential;
            await scope.AuditAsync("repository.updated", actor, content);
        }

        var stored = await c.QuerySingleAsync<Row>($"SELECT {Columns} FROM repositories WHERE name = @Name", new { registration.Name }, t);
        return (stored.View(), existing is null);
    }

    /// <summary>Records how a fetch ended and how large the mirror is now.</summary>
    /// <param name="database">The database.</param>
    /// <param name="name">The repository.</param>
    /// <param name="at">When the fetch ended.</param>
    /// <param name="error">Why it failed, or null when it succeeded.</param>
    /// <param name="bytes">The mirror's size on disk.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public static async Task RecordFetchAsync(ServerDatabase database, string name, DateTimeOffset at, string? error, long bytes, CancellationToken cancellation)
    {
        await using var connection = await database.OpenAsync(write: true, cancellation);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE repositories SET fetched_at = @at, fetch_outcome = @outcome, fetch_error = @error, mirror_bytes = @bytes WHERE name = @name",
            new { name, at = Db.Time(at), outcome = error is null ? "ok" : "failed", error, bytes }, cancellationToken: cancellation));
    }

    /// <summary>Records the mirror's size after it received objects other than by a fetch (a pushed bundle).</summary>
    /// <param name="database">The database.</param>
    /// <param name="name">The repository.</param>
    /// <param name="bytes">The mirror's size on disk.</param>
    /// <param name="cancellation">Cancels the write.</param>
    public static async Task RecordSizeAsync(ServerDatabase database, string name, long bytes, CancellationToken cancellation)
    {
        await using var connection = await database.OpenAsync(write: true, cancellation);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE repositories SET mirror_bytes = @bytes WHERE name = @name", new { name, bytes }, cancellationToken: cancellation));
    }

    private static JsonObject Content(RepositoryRegistration registration) => new()
    {
        ["repository"] = registration.Name,
        ["url"] = registration.Url,
        ["credential"] = registration.Credential,
    };

    private sealed class Row
    {
        public string Name { get; set; } = "";

        public string Url { get; set; } = "";

        public string? Credential { get; set; }

        public string RegisteredAt { get; set; } = "";

        public string? FetchedAt { get; set; }

        public string? FetchOutcome { get; set; }

        public string? FetchError { get; set; }

        public long MirrorBytes { get; set; }

        public RepositoryView View() =>
            new(Name, Url, Credential, Db.ParseTime(RegisteredAt), Db.ParseTime(FetchedAt, nullable: true), FetchOutcome, FetchError, MirrorBytes);
    }
}
