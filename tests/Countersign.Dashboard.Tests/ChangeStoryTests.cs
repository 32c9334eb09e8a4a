using System.Text.Json.Nodes;
using Countersign.Cli.Tests;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Countersign.Dashboard.Tests;

/// <summary>
/// The senior's path through the dashboard in a real Chromium: sign in, the queue, a blocked AI-assisted change with
/// why and who, approve, the change passes and the CLI agrees; the author and a mid-level engineer cannot approve;
/// a commit message carrying script payloads renders as text.
/// </summary>
public sealed class ChangeStoryTests
{
    private const string Hostile = "payments: refunds <script>window.__pwned=1</script> <img src=x onerror=\"window.__pwned=2\">";

    [Fact]
    public async Task A_senior_approves_a_blocked_ai_change_the_author_and_a_junior_cannot_and_payloads_stay_inert()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        shop.Repo.Git($"checkout -q {PolicyShop.Feature}");
        shop.Repo.Commit(Hostile + "\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            new Dictionary<string, string> { ["services/payments/partial.go"] = "package payments\n\nfunc Partial() {}\n" }, author: PolicyShop.Dana);
        shop.Repo.Git("checkout -q main");
        var ci = await server.TokenAsync("ci");
        string[] remote = ["--server", server.Address.ToString(), "--token", ci, "--repository-name", "acme/shop"];
        Assert.Equal(1, shop.Run(["check", "--base", "main", "--head", PolicyShop.Feature, "--title", Hostile, .. remote]).ExitCode);

        await using var browser = await Browser.LaunchAsync();
        var (erinContext, page, dialogs) = await browser.NewPageAsync();
        string changeUrl;
        await using (erinContext)
        {
            await page.GotoAsync(new Uri(server.Address, "ui/login").ToString());
            await Browser.ShotAsync(page, "login");
            await page.GotoAsync("about:blank"); // a fragment-only change would not load the page again
            await page.GotoAsync(new Uri(server.Address, "ui/login#token=" + await server.TokenAsync("reviewer", "erin")).ToString());
            await page.WaitForURLAsync(url => url.EndsWith("/ui", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("#queue-total")).ToContainTextAsync("1 change waiting for you");
            await Browser.ShotAsync(page, "queue");

            await page.Locator("table.queue a").First.ClickAsync();
            await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("pending");
            changeUrl = page.Url;
            await Assertions.Expect(page.Locator("section[aria-labelledby=why]")).ToContainTextAsync("Can give it: Erin Senior (senior)");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToBeEnabledAsync();

            // The payloads are text: shown literally, never parsed into elements, never run.
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("<script>window.__pwned=1</script>");
            Assert.Equal(0, await page.Locator("main img").CountAsync());
            Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
            await Browser.ShotAsync(page, "change-pending");

            // By keyboard: the label leads to the field, Tab to the Approve button, Enter submits.
            await page.GetByLabel("Comment").FocusAsync();
            await page.Keyboard.TypeAsync("Bounds on the retries look right.");
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("Approve", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Your approval is recorded");
            await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("satisfied");
            await Browser.ShotAsync(page, "change-approved");
            Assert.Empty(dialogs);
        }

        var check = shop.Run(["check", "--base", "main", "--head", PolicyShop.Feature, "--json", .. remote]);
        Assert.Equal(0, check.ExitCode);
        Assert.Equal("satisfied", JsonNode.Parse(check.Stdout)!["status"]!.ToString());

        foreach (var (person, reason) in new[] { ("dana", "author"), ("bob", "senior") })
        {
            var (context, other, _) = await browser.NewPageAsync();
            await using (context)
            {
                await other.GotoAsync(new Uri(server.Address, "ui/login#token=" + await server.TokenAsync("reviewer", person)).ToString());
                await other.WaitForURLAsync(url => url.EndsWith("/ui", StringComparison.Ordinal));
                await other.GotoAsync(changeUrl);
                await Assertions.Expect(other.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToBeDisabledAsync();
                await Assertions.Expect(other.Locator("#approve-refusal")).ToContainTextAsync(reason);
                await Browser.ShotAsync(other, $"change-refused-{person}");

                // A forged form post (no antiforgery token) is refused before it reaches the sign-off.
                var status = await other.EvaluateAsync<int>(
                    "async () => (await fetch(location.pathname, {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'kind=approve&patchId=x'})).status");
                Assert.Equal(400, status);
            }
        }
    }
}
