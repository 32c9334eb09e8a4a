using Microsoft.Playwright;

namespace Countersign.Dashboard.Tests;

/// <summary>
/// Chromium driven by Playwright: Debian's Chromium (<c>/usr/bin/chromium</c>, which <c>.ci/run</c> installs) or
/// the one named by <c>COUNTERSIGN_CHROMIUM</c>. Screenshots go to <c>COUNTERSIGN_ARTIFACTS</c> (default: a
/// <c>screenshots</c> folder beside the tests) and are kept as the run's artifacts.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        this.playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static string Screenshots { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("COUNTERSIGN_ARTIFACTS") is { Length: > 0 } dir ? Path.GetFullPath(dir) : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public static async Task<Browser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("COUNTERSIGN_CHROMIUM") is { Length: > 0 } given ? given : "/usr/bin/chromium";
        if (!File.Exists(executable) && executable == "/usr/bin/chromium")
        {
            await InstallChromiumAsync();
        }

        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium is needed for the dashboard tests: {executable} is missing (apt-get install -y chromium, or set COUNTERSIGN_CHROMIUM)");
        }

        // A busy CI machine renders slower than a laptop: give each expectation time before it fails.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new Browser(playwright, chromium);
    }

    private static readonly SemaphoreSlim Installing = new(1, 1);

    /// <summary>
    /// On a fresh Debian machine run as root (where the README's test command must work too), installs Debian's
    /// Chromium once, as .ci/run does. Its output goes to a log file: this process's stdout is the test runner's.
    /// </summary>
    private static async Task InstallChromiumAsync()
    {
        await Installing.WaitAsync();
        try
        {
            if (File.Exists("/usr/bin/chromium") || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
            {
                return;
            }

            var log = Path.Combine(Path.GetTempPath(), "countersign-chromium-install.log");
            var start = new System.Diagnostics.ProcessStartInfo("sh") { UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >> {log} 2>&1 < /dev/null");
            using var process = System.Diagnostics.Process.Start(start)!;
            await process.WaitForExitAsync();
        }
        finally
        {
            Installing.Release();
        }
    }

    /// <summary>A fresh browser context (its own cookies) with a page that fails the test on any dialog (an executed script).</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Dialogs)> NewPageAsync()
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        return (context, page, dialogs);
    }

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        playwright.Dispose();
    }
}
