using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Countersign.Server.Tests.Infrastructure;

/// <summary>
/// <c>countersign serve</c> as a separate process — for the tests that need a real process: two replicas on one
/// database, and a server killed with SIGKILL.
/// </summary>
internal sealed partial class ServerProcess : IDisposable
{
    private readonly Process process;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> log;

    private ServerProcess(Process process, Uri address, System.Collections.Concurrent.ConcurrentQueue<string> log)
    {
        this.process = process;
        Address = address;
        this.log = log;
    }

    public Uri Address { get; }

    /// <summary>The process's id.</summary>
    public int ProcessId => process.Id;

    /// <summary>What the process printed so far (stdout and stderr, in arrival order).</summary>
    public string Output => string.Join('\n', log);

    public static Task<ServerProcess> StartAsync(string database) =>
        StartAsync(["serve", "--urls", "http://127.0.0.1:0", "--database", database], null, TimeSpan.FromSeconds(90));

    /// <summary>Runs <c>countersign</c> with <paramref name="args"/> until it prints that it listens.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="workingDirectory">Where it runs (the test's folder when null).</param>
    /// <param name="timeout">How long it may take to listen.</param>
    /// <param name="environment">More environment variables for the process.</param>
    /// <param name="program">The assembly to run (the countersign CLI when null).</param>
    public static async Task<ServerProcess> StartAsync(
        IEnumerable<string> args, string? workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, string? program = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add(program ?? CliDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["COUNTERSIGN_ADMIN_TOKEN"] = TestServer.AdminToken;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            log.Enqueue(e.Data);
            if (Listening().Match(e.Data) is { Success: true } m)
            {
                ready.TrySetResult(new Uri(m.Groups[1].Value + "/"));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"the server exited with {process.ExitCode}:\n{string.Join('\n', log)}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, Task.Delay(timeout));
        if (finished != ready.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the server did not start within {timeout.TotalSeconds} s:\n{string.Join('\n', log)}");
        }

        return new ServerProcess(process, await ready.Task, log);
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }

    /// <summary>The countersign CLI beside the tests (copied with its runtime config), else its own build output.</summary>
    private static string CliDll()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "countersign.dll");
        if (File.Exists(here) && File.Exists(Path.Combine(AppContext.BaseDirectory, "countersign.runtimeconfig.json")))
        {
            return here;
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Countersign.slnx")))
        {
            dir = dir.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root"), "src", "Countersign.Cli", "bin", configuration, "net10.0", "countersign.dll");
    }

    [GeneratedRegex(@"listening on (http://[0-9.:]+)")]
    private static partial Regex Listening();
}
