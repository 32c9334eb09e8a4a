using System.Data.Common;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Countersign.Server.Api;

/// <summary>
/// What a failure of the database means for the client, decided in one place for the API, SCIM and the dashboard.
/// Only real unavailability — no connection, a timeout, a store that is busy, shutting down or out of resources, a
/// serialisation conflict — is a 503, which tells clients to retry (and lets <c>--fail-open</c> clients pass). The
/// database refusing a value (PostgreSQL SQLSTATE class 22, SQLite's "too big" or type mismatch) is the client's bad
/// input, a 400; an integrity violation (class 23, SQLite's constraint) is a 409. Validation at the edge should make
/// those two unreachable; they are mapped here so that nothing a client sends can ever look like an outage.
/// </summary>
internal static class DatabaseFailure
{
    /// <summary>The status and words for <paramref name="exception"/>, or null when it is no database failure (a bug: 500).</summary>
    public static (int Status, string Title, string Detail)? Classify(Exception exception) => exception switch
    {
        PostgresException pg => ByState(pg.SqlState),
        NpgsqlException npg => npg.IsTransient || npg.InnerException is IOException or SocketException or TimeoutException ? Unavailable : null,
        SqliteException sqlite => BySqliteCode(sqlite.SqliteErrorCode),
        DbException db when db.IsTransient => Unavailable,
        TimeoutException or SocketException => Unavailable,
        _ => null,
    };

    private static (int, string, string) Unavailable =>
        (StatusCodes.Status503ServiceUnavailable, "Database unavailable", "the server cannot reach its database; nothing was changed. Retry later.");

    private static (int, string, string) BadValue =>
        (StatusCodes.Status400BadRequest, "Invalid request", "a value in the request cannot be stored; nothing was changed");

    private static (int, string, string) Conflict =>
        (StatusCodes.Status409Conflict, "Conflict", "the request conflicts with data already stored; nothing was changed");

    /// <summary>PostgreSQL error classes (SQLSTATE, first two characters).</summary>
    private static (int, string, string)? ByState(string state) => state[..2] switch
    {
        // connection exception, insufficient resources, operator intervention (shutdown, cannot connect now, query
        // cancelled by a timeout), system error (I/O), transaction rollback (serialisation failure, deadlock).
        "08" or "53" or "57" or "58" or "40" => Unavailable,
        "55" when state == "55P03" => Unavailable, // lock not available
        "22" => BadValue,
        "23" => Conflict,
        _ => null,
    };

    /// <summary>SQLite primary result codes.</summary>
    private static (int, string, string)? BySqliteCode(int code) => code switch
    {
        5 or 6 or 10 or 13 or 14 or 15 => Unavailable, // BUSY, LOCKED, IOERR, FULL, CANTOPEN, PROTOCOL
        18 or 20 => BadValue, // TOOBIG, MISMATCH
        19 => Conflict, // CONSTRAINT
        _ => null,
    };
}
