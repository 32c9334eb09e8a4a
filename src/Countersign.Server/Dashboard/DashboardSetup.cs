using System.Security.Claims;
using Countersign.Server.Auth;
using Countersign.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Countersign.Server.Dashboard;

/// <summary>
/// The web dashboard under <c>/ui</c>: Razor Pages with a cookie session (signed in with an API token, or through an
/// OpenID Connect provider when one is configured), antiforgery on every form, a strict Content-Security-Policy, and
/// its scripts and styles served from the assembly.
/// </summary>
public static class DashboardSetup
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Policy = "dashboard";
    public const string OidcScheme = "oidc";
    public const string AdminPolicy = "dashboard-admin";

    private const string SecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static void AddDashboard(IServiceCollection services, ServerOptions options)
    {
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Dashboard/Pages";
            o.Conventions.AuthorizeFolder("/", Policy);
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AuthorizePage("/Audit", AdminPolicy);
        });
        services.AddAuthentication()
            .AddCookie(CookieScheme, o =>
            {
                o.LoginPath = "/ui/login";
                o.LogoutPath = "/ui/logout";
                o.AccessDeniedPath = "/ui/login";
                o.Cookie.Name = "countersign";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateAsync;
            });
        if (options.Oidc is { } oidc)
        {
            services.AddAuthentication().AddOpenIdConnect(OidcScheme, o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.RequireHttpsMetadata = oidc.HttpsMetadataRequired;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.SignInScheme = CookieScheme;
                o.CallbackPath = "/ui/signin-oidc";
                o.SignedOutCallbackPath = "/ui/signout-callback-oidc";
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("email");
                o.Scope.Add("profile");
                o.GetClaimsFromUserInfoEndpoint = true;
                o.MapInboundClaims = false;
                // The correlation and nonce cookies follow the request's scheme (a provider on loopback speaks http).
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.ResponseMode = "query";
                // After the user-info call, so the e-mail claim is there whatever the provider puts in its id token.
                o.Events.OnTicketReceived = OidcSignInAsync;
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/ui/login?error=" + Uri.EscapeDataString(context.Failure?.Message ?? "sign-in failed"));
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser())
            .AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(CookieScheme).RequireClaim(Scopes.ScopeClaim, Scopes.Admin));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "countersign-csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
    }

    public static void MapDashboard(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/ui"))
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = SecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
            }

            await next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/ui/assets",
            FileProvider = new ManifestEmbeddedFileProvider(typeof(DashboardSetup).Assembly, "Dashboard/wwwroot"),
        });
        app.MapGet("/", () => Results.Redirect("/ui")).ExcludeFromDescription();
        app.MapRazorPages();
    }

    /// <summary>
    /// Turns the provider's identity into a dashboard identity: the person of the directory whose e-mail the verified
    /// e-mail claim is. Someone the directory does not know is refused: the dashboard signs nobody in as a stranger.
    /// </summary>
    private static async Task OidcSignInAsync(Microsoft.AspNetCore.Authentication.TicketReceivedContext context)
    {
        var email = context.Principal?.FindFirst("email")?.Value;
        var services = context.HttpContext.RequestServices;
        var database = services.GetRequiredService<Data.ServerDatabase>();
        var evaluator = services.GetRequiredService<Evaluation.ServerEvaluator>();
        var directory = await database.ReadAsync(c => evaluator.OrgAsync(c), context.HttpContext.RequestAborted);
        var person = email is null ? null : directory.Org.People.FirstOrDefault(p => p.Emails.Contains(email, StringComparer.OrdinalIgnoreCase));
        if (person is null)
        {
            // Handled here: nobody is signed in, and the login page says why.
            var why = $"{email ?? "this account"} is not a person of the organisation directory";
            context.Response.Redirect("/ui/login?error=" + Uri.EscapeDataString(why));
            context.HandleResponse();
            return;
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(Scopes.ScopeClaim, Scopes.Reviewer),
                new Claim(Scopes.PersonClaim, person.Id),
                new Claim(ClaimTypes.Name, person.Name),
                new Claim("countersign:login", "oidc"),
            ], CookieScheme);
        context.Principal = new ClaimsPrincipal(identity);
    }

    /// <summary>A session signed in with a token ends when the token is revoked or expires, on every replica.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirst(Scopes.TokenClaim)?.Value is { } tokenId)
        {
            var tokens = context.HttpContext.RequestServices.GetRequiredService<TokenStore>();
            if (!await tokens.IsActiveAsync(tokenId, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
            }
        }
    }

    /// <summary>The dashboard identity for a token: its scope, its person (reviewer tokens) and its id.</summary>
    public static ClaimsPrincipal Principal(Contracts.TokenView token, string? displayName)
    {
        var claims = new List<Claim>
        {
            new(Scopes.ScopeClaim, token.Scope),
            new(Scopes.TokenClaim, token.Id),
            new(ClaimTypes.Name, displayName ?? token.Name),
        };
        if (token.Person is { } person)
        {
            claims.Add(new Claim(Scopes.PersonClaim, person));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme));
    }
}
