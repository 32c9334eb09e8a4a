using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Countersign.Dashboard.Tests.Oidc;

/// <summary>
/// node-oidc-provider (npm <c>oidc-provider</c> 9) run by node on 127.0.0.1. The package is installed once per test
/// run into the tests' output folder with npm (the registry is reachable on CI machines).
/// </summary>
internal sealed class OidcProvider : IDisposable
{
    private static readonly SemaphoreSlim Install = new(1, 1);
    private readonly Process process;

    private OidcProvider(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string Authority => $"http://127.0.0.1:{Port}";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<OidcProvider> StartAsync(int port, string redirectUri)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Oidc");
        await InstallAsync(folder);
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("provider.mjs");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(redirectUri);
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Enqueue(e.Data);
                if (e.Data.Contains("ready", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(30))) != ready.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the OIDC provider did not start:\n{string.Join('\n', log)}");
        }

        return new OidcProvider(process, port);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private static async Task InstallAsync(string folder)
    {
        await Install.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
            {
                return;
            }

            var start = new ProcessStartInfo("npm") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "install", "--no-audit", "--no-fund", "--no-save", "oidc-provider@9" })
            {
                start.ArgumentList.Add(arg);
            }

            using var npm = Process.Start(start)!;
            var output = npm.StandardOutput.ReadToEndAsync();
            var error = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm install oidc-provider failed ({npm.ExitCode}): {await error}{await output}");
            }
        }
        finally
        {
            Install.Release();
        }
    }
}
