using Countersign.Server.Auth;
using Countersign.Data;
using Countersign.Server.Evaluation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Countersign.Server.Dashboard.Pages;

/// <summary>Sign-in with an API token (the first-run path: no identity provider needed), or through OpenID Connect.</summary>
[AllowAnonymous]
public sealed class LoginModel(TokenStore tokens, AuthFailureLimiter limiter, ServerDatabase database, ServerEvaluator evaluator, ServerOptions options) : PageModel
{
    public string? Error { get; private set; }

    public string ReturnUrl { get; private set; } = "/ui";

    public bool OidcConfigured => options.Oidc is not null;

    public void OnGet(string? returnUrl, string? error)
    {
        ReturnUrl = Local(returnUrl);
        Error = error is null ? null : $"Sign-in through the identity provider failed: {(error.Length > 300 ? error[..300] : error)}";
    }

    public async Task<IActionResult> OnPostAsync(string? token, string? returnUrl)
    {
        ReturnUrl = Local(returnUrl);
        var address = HttpContext.Connection.RemoteIpAddress;
        if (limiter.BlockedFor(address) is { } wait)
        {
            Error = $"Too many failed sign-ins from this address; try again in {Math.Ceiling(wait.TotalSeconds)} s.";
            return Page();
        }

        var found = string.IsNullOrWhiteSpace(token) ? null : await tokens.FindAsync(token.Trim(), HttpContext.RequestAborted);
        if (found is null || found.Scope == Scopes.Ci)
        {
            limiter.Failed(address);
            Error = found is null ? "That token is unknown, revoked or expired." : "A ci token cannot sign in to the dashboard; use a reviewer or admin token.";
            return Page();
        }

        var directory = await database.ReadAsync(c => evaluator.OrgAsync(c), HttpContext.RequestAborted);
        var name = found.Person is { } person ? directory.Org.FindPerson(person)?.Name ?? person : $"{found.Name} (admin)";
        await HttpContext.SignInAsync(DashboardSetup.CookieScheme, DashboardSetup.Principal(found, name));
        return LocalRedirect(ReturnUrl);
    }

    public IActionResult OnGetOidc(string? returnUrl) =>
        options.Oidc is null
            ? RedirectToPage()
            : Challenge(new AuthenticationProperties { RedirectUri = Local(returnUrl) }, DashboardSetup.OidcScheme);

    public async Task<IActionResult> OnPostLogoutAsync()
    {
        await HttpContext.SignOutAsync(DashboardSetup.CookieScheme);
        return LocalRedirect("/ui/login");
    }

    private string Local(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) && url.StartsWith("/ui", StringComparison.Ordinal) ? url : "/ui";
}
