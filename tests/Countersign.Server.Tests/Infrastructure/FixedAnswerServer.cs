using Microsoft.AspNetCore.Http;

namespace Countersign.Server.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP server that answers every request with one status and body, as a proxy or a failing server would:
/// what a client makes of a 500, a 502 or a marked 503 is tested against real HTTP without breaking a real server.
/// </summary>
internal sealed class FixedAnswerServer : IAsyncDisposable
{
    private LoopbackApp? app;
    private int requests;

    public Uri Address => app!.Address;

    /// <summary>The number of requests answered so far.</summary>
    public int Requests => requests;

    public static async Task<FixedAnswerServer> StartAsync(int status, string body, string contentType = "application/problem+json")
    {
        var server = new FixedAnswerServer();
        server.app = await LoopbackApp.StartAsync(async context =>
        {
            Interlocked.Increment(ref server.requests);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });
        return server;
    }

    public ValueTask DisposeAsync() => app!.DisposeAsync();
}
