using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Countersign.Server.Tests.Infrastructure;

/// <summary>
/// Git's smart HTTP protocol on 127.0.0.1: a small Kestrel app that runs <c>git http-backend</c> as a CGI script for
/// every request, serving the repositories under a folder. When <see cref="RequiredAuthorization"/> is set, requests
/// without exactly that <c>Authorization</c> header get a 401 (so tests see the credential arrive).
/// </summary>
internal sealed class GitHttpServer : IAsyncDisposable
{
    private LoopbackApp? app;

    public Uri Address => app!.Address;

    public string? RequiredAuthorization { get; set; }

    /// <summary>How many requests were refused for a missing or wrong credential.</summary>
    public int Refused { get; private set; }

    /// <summary>Serves the repositories under <paramref name="root"/> at <c>http://127.0.0.1:PORT/NAME</c>.</summary>
    public static async Task<GitHttpServer> StartAsync(string root)
    {
        var server = new GitHttpServer();
        server.app = await LoopbackApp.StartAsync(async context =>
        {
            if (server.RequiredAuthorization is { } expected && context.Request.Headers.Authorization.ToString() != expected)
            {
                server.Refused++;
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
                return;
            }

            await ServeAsync(context, root);
        });
        return server;
    }

    public ValueTask DisposeAsync() => app!.DisposeAsync();

    /// <summary>Answers one request of git's smart HTTP protocol with <c>git http-backend</c> over the repositories under <paramref name="root"/>; <paramref name="path"/> replaces the request's path when given.</summary>
    internal static async Task ServeAsync(HttpContext context, string root, string? path = null)
    {
        var request = context.Request;
        var psi = new ProcessStartInfo("git", ["http-backend"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["GIT_PROJECT_ROOT"] = root;
        psi.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        psi.Environment["REQUEST_METHOD"] = request.Method;
        psi.Environment["PATH_INFO"] = path ?? request.Path.Value ?? "/";
        psi.Environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        psi.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        psi.Environment["REMOTE_ADDR"] = "127.0.0.1";
        psi.Environment["HTTP_CONTENT_ENCODING"] = request.Headers.ContentEncoding.ToString();
        psi.Environment["GIT_PROTOCOL"] = request.Headers["Git-Protocol"].ToString();
        using var git = Process.Start(psi)!;
        var errors = git.StandardError.ReadToEndAsync();
        var feed = Task.Run(async () =>
        {
            await request.Body.CopyToAsync(git.StandardInput.BaseStream);
            git.StandardInput.Close();
        });
        var output = git.StandardOutput.BaseStream;
        var status = StatusCodes.Status200OK;
        // CGI headers, one per line, up to an empty line.
        while (ReadLine(output) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                status = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                context.Response.Headers.Append(name, value);
            }
        }

        context.Response.StatusCode = status;
        await output.CopyToAsync(context.Response.Body);
        await feed;
        await git.WaitForExitAsync();
        _ = await errors;
    }

    private static string ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            if (b != '\r')
            {
                bytes.Add((byte)b);
            }
        }

        return System.Text.Encoding.ASCII.GetString([.. bytes]);
    }
}
