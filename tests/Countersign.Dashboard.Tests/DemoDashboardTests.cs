using System.Text.RegularExpressions;
using Countersign.Server.Tests.Infrastructure;
using Countersign.Testing;
using Microsoft.Playwright;

namespace Countersign.Dashboard.Tests;

/// <summary>The README's main command opens onto a populated dashboard: the printed link signs Marcus in to his queue.</summary>
public sealed partial class DemoDashboardTests
{
    [Fact]
    public async Task The_demo_prints_a_sign_in_link_to_a_populated_dashboard()
    {
        var parent = TempGitRepo.NewTempDirectory("demo-dashboard");
        try
        {
            using var demo = await ServerProcess.StartAsync(["demo", "--dir", "ws", "--urls", "http://127.0.0.1:0"], parent, TimeSpan.FromMinutes(5));
            var link = Link().Match(demo.Output);
            Assert.True(link.Success, demo.Output);

            await using var browser = await Browser.LaunchAsync();
            var (context, page, dialogs) = await browser.NewPageAsync();
            await using (context)
            {
                await page.GotoAsync(link.Groups[1].Value);
                await page.WaitForURLAsync(url => url.EndsWith("/ui", StringComparison.Ordinal));
                await Assertions.Expect(page.Locator("header .who")).ToContainTextAsync("Marcus Chen");
                await Assertions.Expect(page.Locator("#headline")).ToContainTextAsync("waiting for a senior");
                Assert.True(await page.Locator("table.queue tbody tr").CountAsync() > 3);
                await Browser.ShotAsync(page, "demo-queue");

                await page.GotoAsync(new Uri(new Uri(link.Groups[1].Value), "/ui/organisation").ToString());
                Assert.True(await page.EvaluateAsync<bool>("() => Chart.getChart('chart-tool').data.datasets.length > 1"));
                await Browser.ShotAsync(page, "demo-organisation");
                Assert.Empty(dialogs);
            }
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [GeneratedRegex(@"Open the dashboard as [^:]+:\s+(http://\S+/ui/login#token=cst_[A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}
