using System.Net.Http.Json;
using Countersign.Cli.Tests.Enforcement;
using Countersign.Contracts;
using Countersign.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Countersign.Dashboard.Tests;

/// <summary>The organisation, audit and policy views in Chromium, and the queue with 10,000 waiting changes.</summary>
public sealed class PagesTests
{
    [Theory]
    [InlineData(Store.Sqlite)]
    [InlineData(Store.Postgres)]
    public async Task The_organisation_audit_and_policy_views_show_their_charts_chain_status_and_validation(Store store)
    {
        await using var server = await TestServer.StartAsync(store);
        await server.ImportOrgAsync(PolicyShop.Org);
        using var shop = PolicyShop.Create();
        using var ci = server.Client(await server.TokenAsync("ci"));
        using var erinApi = server.Client(await server.TokenAsync("reviewer", "erin"));
        for (var i = 1; i <= 3; i++)
        {
            var registration = ShopChange.Registration(shop, $"pr/{i}");
            var view = await (await ci.PostAsJsonAsync("api/v1/changes", registration with { Facts = registration.Facts with { PatchId = new string((char)('a' + i), 40) } }, TestServer.Json))
                .Content.ReadFromJsonAsync<ChangeView>(TestServer.Json);
            if (i == 1)
            {
                await erinApi.PostAsJsonAsync($"api/v1/changes/{view!.Id}/signoffs", new SignOffRequest(Core.SignOffs.SignOffKind.Approve, view.PatchId), TestServer.Json);
            }
        }

        await using var browser = await Browser.LaunchAsync();
        var (context, page, dialogs) = await browser.NewPageAsync();
        await using (context)
        {
            await page.GotoAsync(new Uri(server.Address, "ui/login#token=" + await server.TokenAsync("reviewer", "erin")).ToString());
            await page.WaitForURLAsync(url => url.EndsWith("/ui", StringComparison.Ordinal));

            await page.GotoAsync(new Uri(server.Address, "ui/organisation").ToString());
            await Assertions.Expect(page.Locator("#latency-figures")).ToContainTextAsync("over 1 approval");
            await Assertions.Expect(page.Locator("section[aria-labelledby=compliance]")).ToContainTextAsync("satisfied: 1");
            Assert.True(await page.EvaluateAsync<bool>("() => !!window.Chart && Chart.getChart('chart-tool') !== undefined && Chart.getChart('chart-load') !== undefined"));
            Assert.True(await page.EvaluateAsync<bool>("() => Chart.getChart('chart-latency') !== undefined"));
            await Browser.ShotAsync(page, $"organisation-{store}".ToLowerInvariant());

            await page.GotoAsync(new Uri(server.Address, "ui/policy").ToString());
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("acme/shop");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("ai-below-senior");
            await Assertions.Expect(page.Locator("main .badge").First).ToHaveTextAsync("valid");
            await Browser.ShotAsync(page, $"policy-{store}".ToLowerInvariant());

            // A reviewer is not an administrator: the audit log is not theirs to read.
            await page.GotoAsync(new Uri(server.Address, "ui/audit").ToString());
            Assert.Contains("/ui/login", page.Url, StringComparison.Ordinal);
        }

        var (adminContext, admin, _) = await browser.NewPageAsync();
        await using (adminContext)
        {
            await admin.GotoAsync(new Uri(server.Address, "ui/login#token=" + TestServer.AdminToken).ToString());
            await admin.WaitForURLAsync(url => url.EndsWith("/ui", StringComparison.Ordinal));
            await admin.GotoAsync(new Uri(server.Address, "ui/audit").ToString());
            await Assertions.Expect(admin.Locator("#chain")).ToContainTextAsync("Chain intact");
            await admin.GetByLabel("Kind").SelectOptionAsync("signoff");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
            await Assertions.Expect(admin.Locator("#audit-total")).ToContainTextAsync("1 matching record");
            await Assertions.Expect(admin.Locator("table.audit")).ToContainTextAsync("signoff.approve");
            await Browser.ShotAsync(admin, $"audit-{store}".ToLowerInvariant());
        }

        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task The_queue_pages_through_ten_thousand_waiting_changes()
    {
        await using var server = await TestServer.StartAsync(Store.Sqlite);
        await server.ImportOrgAsync(PolicyShop.Org);
        using (var connection = new SqliteConnection($"Data Source={server.Database}"))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO changes (repository, change_key, title, author_id, author_level, revision, head_sha, patch_id, status, summary, risk, blast_class, provenance, tools, ai_share, created_at, updated_at, landed_at)
                VALUES ('acme/big', $key, $title, 'dana', 'junior', 1, $sha, $sha, 'pending', 'needs a senior', $risk, 'contained', 'ai', '["claude-code"]', 1.0, $at, $at, $at);
                INSERT INTO waiting (change_id, person_id) VALUES (last_insert_rowid(), 'erin');
                """;
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var title = insert.Parameters.Add("$title", SqliteType.Text);
            var sha = insert.Parameters.Add("$sha", SqliteType.Text);
            var risk = insert.Parameters.Add("$risk", SqliteType.Real);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            for (var i = 0; i < 10_000; i++)
            {
                key.Value = $"pr/{i}";
                title.Value = $"change {i}";
                sha.Value = i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture);
                risk.Value = i % 100;
                at.Value = DateTimeOffset.UtcNow.AddMinutes(-i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        await using var browser = await Browser.LaunchAsync();
        var (context, page, _) = await browser.NewPageAsync();
        await using (context)
        {
            await page.GotoAsync(new Uri(server.Address, "ui/login#token=" + await server.TokenAsync("reviewer", "erin")).ToString());
            await page.WaitForURLAsync(url => url.EndsWith("/ui", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("#queue-total")).ToContainTextAsync("10000 changes waiting for you");
            Assert.Equal(50, await page.Locator("table.queue tbody tr").CountAsync());
            await Assertions.Expect(page.Locator(".pager")).ToContainTextAsync("page 1 of 200");
            // Riskiest first.
            await Assertions.Expect(page.Locator("table.queue tbody tr").First.Locator("td.num")).ToHaveTextAsync("99");
            await page.GetByRole(AriaRole.Link, new() { Name = "more →" }).ClickAsync();
            await Assertions.Expect(page.Locator(".pager")).ToContainTextAsync("page 2 of 200");
            await Browser.ShotAsync(page, "queue-10000");
            await page.GotoAsync(new Uri(server.Address, "ui/organisation").ToString());
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("10000 changes on record");
        }
    }
}
