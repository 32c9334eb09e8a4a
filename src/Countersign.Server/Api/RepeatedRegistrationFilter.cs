using System.Security.Cryptography;
using Countersign.Contracts;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Countersign.Server.Api;

/// <summary>
/// Answers a registration whose body is byte for byte one the server registered unchanged before, while nothing was
/// written since (<see cref="RepeatedRegistrations"/>), without parsing, validating or hashing its documents again: CI
/// re-running <c>check</c> on a change that has not moved sends the same body every time. Only client-built
/// registrations are remembered; a server-built one depends on the mirror as well, which its own path fetches (its body
/// is remembered only as one to pass on without reading the audit head). Any
/// other body (new, changed, larger than <see cref="MaxBody"/>, not JSON) goes to the endpoint as it came.
/// </summary>
internal static class RepeatedRegistrationFilter
{
    /// <summary>Bodies up to this size are fingerprinted (a registration is a few KB; a large change a few hundred).</summary>
    public const int MaxBody = 1 << 20;

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var request = context.Request;
        if (request.ContentLength is > MaxBody || request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return await next(invocation);
        }

        // Clients stream their JSON (chunked, no length): read up to one byte past the limit, keep it in memory, and
        // hand the endpoint the body from its start either way.
        request.EnableBuffering(MaxBody + 1);
        var body = new byte[request.ContentLength is { } length ? (int)length + 1 : 16 * 1024];
        var read = 0;
        while (read <= MaxBody)
        {
            if (read == body.Length)
            {
                Array.Resize(ref body, Math.Min(body.Length * 2, MaxBody + 1));
            }

            var n = await request.Body.ReadAsync(body.AsMemory(read), context.RequestAborted);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        request.Body.Position = 0;
        if (read > MaxBody)
        {
            return await next(invocation);
        }

        var fingerprint = "body\u001e" + Convert.ToHexStringLower(SHA256.HashData(body.AsSpan(0, read)));
        var repeats = context.RequestServices.GetRequiredService<RepeatedRegistrations>();
        if (repeats.IsServerBuilt(fingerprint))
        {
            return await next(invocation);
        }

        var changes = context.RequestServices.GetRequiredService<ChangeService>();
        if (await changes.RepeatAsync(fingerprint, context.RequestAborted) is { } repeated)
        {
            return Problems.Decide(context, (Outcome<ChangeView>)(repeated with { BuiltBy = "client" }));
        }

        var head = await changes.HeadAsync(context.RequestAborted);
        var result = await next(invocation);
        switch (result is INestedHttpResult nested ? nested.Result : result)
        {
            case Ok<ChangeView> { Value.BuiltBy: "client" } ok:
                repeats.Remember(fingerprint, head, ok.Value.Id);
                break;
            case Ok<ChangeView> { Value.BuiltBy: "server" }:
                repeats.ServerBuilt(fingerprint);
                break;
        }

        return result;
    }
}
