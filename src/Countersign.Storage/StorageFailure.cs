using Microsoft.Data.Sqlite;

namespace Countersign.Storage;

/// <summary>
/// Turns what goes wrong underneath the store (SQLite's result codes, the file system) into one line that names the
/// database, what was being done, what is wrong and what the user can do about it. Every storage operation reports
/// its failures through here, so every command says the same thing about the same broken file.
/// </summary>
public static class StorageFailure
{
    /// <summary>A <see cref="StorageException"/> for a failure while doing <paramref name="what"/> (e.g. "reading sign-offs").</summary>
    public static StorageException From(string path, string what, Exception failure) => failure switch
    {
        StorageException known => known,
        _ => new StorageException($"{path}: {what} failed: {Explain(failure)}", failure),
    };

    /// <summary>What is wrong and what to do, without the file name (callers put it first).</summary>
    public static string Explain(Exception failure) => failure switch
    {
        SqliteException { SqliteErrorCode: 11 or 26 } e =>
            $"{Cause(e)}: the file is damaged or is not a SQLite database; move it aside (e.g. rename it to *.broken) " +
            "and run the command again to start a fresh database (scan results are rebuilt by a scan; sign-offs and " +
            "deploy decisions it held must be restored from a backup)",
        SqliteException { SqliteErrorCode: 5 or 6 } e =>
            $"{Cause(e)}: another countersign process is writing to it; run the command again when it has finished",
        SqliteException { SqliteErrorCode: 8 or 3 or 23 } e =>
            $"{Cause(e)}: the file or its folder cannot be written; check their permissions",
        SqliteException { SqliteErrorCode: 14 } e =>
            $"{Cause(e)}: the file or its folder cannot be opened or created; check that the folder exists and that the file and folder are readable and writable",
        SqliteException { SqliteErrorCode: 13 } e => $"{Cause(e)}: the disk is full",
        SqliteException { SqliteErrorCode: 10 } e => $"{Cause(e)}: the disk could not be read or written",
        SqliteException e => Cause(e),
        UnauthorizedAccessException e => $"{e.Message} (check the permissions of the file and its folder)",
        _ => failure.Message,
    };

    /// <summary>SQLite's own words, without the "SQLite Error 11:" prefix and the quotes around them.</summary>
    private static string Cause(SqliteException e)
    {
        var text = e.Message;
        if (text.StartsWith("SQLite Error ", StringComparison.Ordinal) && text.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
        {
            text = text[(colon + 1)..].Trim().TrimEnd('.').Trim('\'');
        }

        return text.Split('\n')[0];
    }
}
