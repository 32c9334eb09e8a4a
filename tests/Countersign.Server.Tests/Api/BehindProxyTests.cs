using System.Net;
using Countersign.Server.Tests.Infrastructure;

namespace Countersign.Server.Tests.Api;

/// <summary>Behind a proxy the rate limit counts each client the proxy names; without <c>--behind-proxy</c> the header is ignored.</summary>
public sealed class BehindProxyTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Failed_authentications_are_counted_per_forwarded_client_only_behind_a_proxy(bool behindProxy)
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite, configure: o => o with { BehindProxy = behindProxy });
        async Task<HttpStatusCode> GuessAsync(string client)
        {
            using var http = server.Client("cst_guess");
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/whoami");
            request.Headers.Add("X-Forwarded-For", client);
            return (await http.SendAsync(request)).StatusCode;
        }

        for (var i = 0; i < 25; i++)
        {
            await GuessAsync("203.0.113.7");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await GuessAsync("203.0.113.7"));
        // Another client behind the proxy is not punished for the first one; without the proxy option, the header is
        // nobody's word and the loopback address is what was blocked.
        Assert.Equal(behindProxy ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, await GuessAsync("198.51.100.9"));
    }
}
