using Countersign.Cli.Tests.Enforcement;
using Countersign.Server;
using Countersign.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Countersign.Dashboard.Tests.Oidc;

/// <summary>
/// Signing in through a real OpenID Connect provider (node-oidc-provider on 127.0.0.1) with ASP.NET Core's OpenID
/// Connect handler: a person of the directory gets in as themselves; an account the directory does not know is told
/// why and stays out.
/// </summary>
public sealed class OidcLoginTests
{
    [Fact]
    public async Task A_directory_person_signs_in_through_the_provider_and_a_stranger_is_refused()
    {
        var port = OidcProvider.FreePort();
        await using var server = await TestServer.StartAsync(Store.Sqlite, configure: o => o with
        {
            Oidc = new OidcOptions($"http://127.0.0.1:{port}", "countersign", "countersign-test-secret", RequireHttpsMetadata: false),
        });
        await server.ImportOrgAsync(PolicyShop.Org);
        using var provider = await OidcProvider.StartAsync(port, new Uri(server.Address, "ui/signin-oidc").ToString());
        await using var browser = await Browser.LaunchAsync();

        var (context, page, _) = await browser.NewPageAsync();
        await using (context)
        {
            await SignInAsync(page, server, "erin@acme.test");
            await page.WaitForURLAsync(url => url.EndsWith("/ui", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("header .who")).ToContainTextAsync("Erin Senior");
            await Browser.ShotAsync(page, "oidc-signed-in");
        }

        var (strangerContext, stranger, _) = await browser.NewPageAsync();
        await using (strangerContext)
        {
            await SignInAsync(stranger, server, "mallory@elsewhere.test");
            await stranger.WaitForURLAsync(url => url.Contains("/ui/login", StringComparison.Ordinal));
            await Assertions.Expect(stranger.Locator("[role=alert]")).ToContainTextAsync("not a person of the organisation directory");
            await stranger.GotoAsync(new Uri(server.Address, "ui").ToString());
            Assert.Contains("/ui/login", stranger.Url, StringComparison.Ordinal);
        }
    }

    private static async Task SignInAsync(IPage page, TestServer server, string login)
    {
        await page.GotoAsync(new Uri(server.Address, "ui/login").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your identity provider" }).ClickAsync();
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("any");
        await page.Locator("button[type=submit]").First.ClickAsync();
        // The provider asks for consent once per client: wait for the login form to go first, or the consent click can
        // land on the login page's own button while it is still navigating (a second submit the provider refuses).
        await page.Locator("input[name=login]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.Locator("button[type=submit]").First.ClickAsync();
    }
}
