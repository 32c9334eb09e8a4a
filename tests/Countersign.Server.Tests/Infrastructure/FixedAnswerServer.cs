using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Countersign.Server.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP server that answers every request with one status and body, as a proxy or a failing server would:
/// what a client makes of a 500, a 502 or a marked 503 is tested against real HTTP without breaking a real server.
/// </summary>
internal sealed class FixedAnswerServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requests;

    private FixedAnswerServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The number of requests answered so far.</summary>
    public int Requests => requests;

    public static async Task<FixedAnswerServer> StartAsync(int status, string body, string contentType = "application/problem+json")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FixedAnswerServer? server = null;
        app.Run(async context =>
        {
            Interlocked.Increment(ref server!.requests);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FixedAnswerServer(app, new Uri(address + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
