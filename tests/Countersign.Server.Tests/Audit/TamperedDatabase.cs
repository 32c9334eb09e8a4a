using System.Data.Common;
using Countersign.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Countersign.Server.Tests.Audit;

/// <summary>Copies of a server's database to tamper with directly, on SQLite or PostgreSQL alike.</summary>
internal static class TamperedDatabase
{
    /// <summary>A copy of <paramref name="original"/> (a SQLite path or a PostgreSQL connection string).</summary>
    public static async Task<string> CopyAsync(Store store, string original, string folder, string name)
    {
        if (store == Store.Postgres)
        {
            return await Postgres.CopyDatabaseAsync(original);
        }

        var target = Path.Combine(folder, name + ".db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(original + suffix))
            {
                File.Copy(original + suffix, target + suffix);
            }
        }

        return target;
    }

    public static void Execute(Store store, string db, string sql)
    {
        using var connection = Open(store, db);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(Store store, string db, string sql) => Convert.ToInt64(Query(store, db, sql), System.Globalization.CultureInfo.InvariantCulture);

    public static string Text(Store store, string db, string sql) => Convert.ToString(Query(store, db, sql), System.Globalization.CultureInfo.InvariantCulture)!;

    private static object? Query(Store store, string db, string sql)
    {
        using var connection = Open(store, db);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static DbConnection Open(Store store, string db)
    {
        DbConnection connection = store == Store.Sqlite
            ? new SqliteConnection($"Data Source={db};Pooling=False")
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }
}
