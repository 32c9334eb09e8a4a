using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Countersign.Server.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the tests: the one <c>.ci/run</c> started (<c>COUNTERSIGN_TEST_POSTGRES</c>, a connection
/// string to its <c>postgres</c> database), or else a throwaway cluster this process starts with the machine's
/// PostgreSQL binaries on first use and <see cref="PostgresCluster"/> stops after the last test. Each test gets a
/// database of its own.
/// </summary>
internal static class Postgres
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    private static Action? stop;

    /// <summary>
    /// Stops the throwaway cluster, if this process started one. Called once by <see cref="PostgresCluster"/> after the
    /// last test: deterministic, where a ProcessExit handler raced the runner's own shutdown under load.
    /// </summary>
    public static void Stop() => Interlocked.Exchange(ref stop, null)?.Invoke();

    /// <summary>A connection string to a new, empty database.</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        var admin = await Server.Value;
        var name = "cs_" + Guid.NewGuid().ToString("n")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>A new database with the same content as <paramref name="connectionString"/>'s (which nobody may be connected to).</summary>
    public static async Task<string> CopyDatabaseAsync(string connectionString)
    {
        var admin = await Server.Value;
        var source = new NpgsqlConnectionStringBuilder(connectionString).Database;
        var name = "cs_" + Guid.NewGuid().ToString("n")[..16];
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {source}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("COUNTERSIGN_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }

        var bin = new[] { "/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin" }.FirstOrDefault(Directory.Exists)
            ?? throw new InvalidOperationException("PostgreSQL is needed for these tests: set COUNTERSIGN_TEST_POSTGRES or install the postgresql package (.ci/run does both)");
        var dir = Path.Combine(Path.GetTempPath(), $"cs-pg-{Environment.ProcessId}-{Guid.NewGuid():n}"[..40]);
        Directory.CreateDirectory(dir);
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"postgres:postgres {dir}", asPostgres: false);
        }

        Run($"{bin}/initdb", $"-D {dir}/data -U postgres -A trust -E UTF8 --no-sync", asRoot);
        Run($"{bin}/pg_ctl", $"-D {dir}/data -l {dir}/log -w -o \"-c listen_addresses=127.0.0.1 -p {port} -k {dir} -c fsync=off -c max_connections=300\" start", asRoot);
        stop = () =>
        {
            try
            {
                Run($"{bin}/pg_ctl", $"-D {dir}/data -m immediate stop", asRoot);
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
        };
        await Task.CompletedTask;
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    /// <summary>
    /// Runs a PostgreSQL tool with its output (and that of the server pg_ctl starts, which inherits it) in a file: the
    /// test process's own stdout is the xunit runner's message channel, and a stray line there loses test results.
    /// </summary>
    private static void Run(string file, string arguments, bool asPostgres)
    {
        var command = (asPostgres ? $"exec runuser -u postgres -- {file} {arguments}" : $"exec {file} {arguments}") + $" >> {OutputLog} 2>&1 < /dev/null";
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed with exit code {process.ExitCode} (output in {OutputLog})");
        }
    }

    private static readonly string OutputLog = Path.Combine(Path.GetTempPath(), $"countersign-test-postgres-{Environment.ProcessId}.log");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
