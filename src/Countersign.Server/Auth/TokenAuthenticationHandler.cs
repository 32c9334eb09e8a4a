using System.Security.Claims;
using System.Text.Encodings.Web;
using Countersign.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Countersign.Server.Auth;

/// <summary>
/// Bearer tokens (<c>Authorization: Bearer cst_…</c>) checked against the hashed token table. A request without
/// credentials is anonymous (endpoints then answer 401 or serve public data); bad credentials fail and count against
/// the client's address. Logs name the token id, never the secret.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenStore tokens,
    AuthFailureLimiter limiter)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "CountersignToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            limiter.Failed(Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("only Bearer tokens are accepted");
        }

        var token = await tokens.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token is null)
        {
            limiter.Failed(Context.Connection.RemoteIpAddress);
            if (Logger.IsEnabled(LogLevel.Information))
            {
                Logger.LogInformation("Rejected a bearer token from {Address}: unknown, revoked or expired", Context.Connection.RemoteIpAddress);
            }

            return AuthenticateResult.Fail("the token is unknown, revoked or expired");
        }

        var claims = new List<Claim>
        {
            new(Scopes.ScopeClaim, token.Scope),
            new(Scopes.TokenClaim, token.Id),
            new(ClaimTypes.Name, token.Name),
        };
        if (token.Person is { } person)
        {
            claims.Add(new Claim(Scopes.PersonClaim, person));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
