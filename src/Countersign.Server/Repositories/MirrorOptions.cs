namespace Countersign.Server.Repositories;

/// <summary>Where and how the server keeps its mirrors of registered repositories.</summary>
public sealed record MirrorOptions
{
    /// <summary>The folder holding one bare mirror per repository; null: <c>mirrors</c> next to a SQLite database, else in the user's data folder.</summary>
    public string? Directory { get; init; }

    /// <summary>The most the mirrors may take on disk together; a fetch is refused (507) once they take more.</summary>
    public long MaxBytes { get; init; } = 20L * 1024 * 1024 * 1024;

    /// <summary>How long one clone or fetch may take.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A mirror fetched less than this long ago is not fetched again when every revision asked for is already in it
    /// (the target branch's tip may then be this much behind the remote).
    /// </summary>
    public TimeSpan FetchInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The ssh program git runs for ssh:// and user@host:path repositories, with <c>-i KEYFILE</c> (the registered key)
    /// and batch mode; a path to a wrapper when the server's ssh needs more options.
    /// </summary>
    public string SshProgram { get; init; } = "ssh";

    /// <summary>The mirrors folder for <paramref name="database"/> (a SQLite path or a PostgreSQL setting).</summary>
    public string DirectoryFor(string database, Data.DatabaseKind kind) =>
        Directory is { } configured ? Path.GetFullPath(configured)
        : kind == Data.DatabaseKind.Sqlite ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Data.ServerDatabase.SqlitePath(database)))!, "mirrors")
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "countersign", "mirrors");
}
