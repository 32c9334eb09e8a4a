using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Countersign.Storage;

/// <summary>
/// Plain ADO.NET for the scan store's small statements. The scan path does not use Dapper: its first use in a process
/// builds compiled regexes and emits IL for every parameter type, which the JIT then compiles — a fixed cost that was
/// a large part of a rescan with nothing new. Parameters are named as in the SQL (<c>@repoId</c>).
/// </summary>
internal static class Sql
{
    public static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(connection, sql, transaction, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row as an integer; null when there is no row or it is NULL.</summary>
    public static long? Long(SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        Long(connection, sql, null, parameters);

    /// <summary>As <see cref="Long(SqliteConnection, string, ReadOnlySpan{ValueTuple{string, object}})"/>, inside <paramref name="transaction"/>.</summary>
    public static long? Long(SqliteConnection connection, string sql, SqliteTransaction? transaction, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(connection, sql, transaction, parameters);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The first column of the first row as text; null when there is no row or it is NULL.</summary>
    public static string? Text(SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(connection, sql, null, parameters);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The first column of every row, as text.</summary>
    public static List<string> Texts(SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(connection, sql, null, parameters);
        using var reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
