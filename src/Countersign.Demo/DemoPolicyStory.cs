namespace Countersign.Demo;

/// <summary>
/// The change the demo's policy story is about: Tom (junior, checkout) asks Claude Code for a retry on payment
/// authorisation timeouts, on the branch <see cref="Branch"/>. Checkout is tier 1, so besides the senior owner's
/// sign-off the change needs two seniors from distinct teams.
/// </summary>
public static class DemoPolicyStory
{
    public const string Branch = "feature/checkout-retries";

    public static DemoPerson Author => DemoPeople.Tom;

    /// <summary>The checkout owner who signs first, and the senior from another team who gives the second sign-off.</summary>
    public static IReadOnlyList<DemoPerson> Approvers => [DemoPeople.Marcus, DemoPeople.Sofia];

    /// <summary>Creates the branch with one AI-assisted commit on top of main and leaves main checked out.</summary>
    public static void Create(string repositoryPath, DateTimeOffset when)
    {
        var file = DemoGit.Run(repositoryPath, "ls-files", "--", $"{DemoAreas.Checkout.Root}/*.cs")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).First();
        DemoGit.Run(repositoryPath, "checkout", "-q", "-b", Branch, "main");
        File.AppendAllLines(Path.Combine(repositoryPath, file),
        [
            "",
            "public static class AuthorisationRetry",
            "{",
            "    // Retry payment authorisation on gateway timeouts: three attempts, exponential back-off with jitter.",
            "    public static async Task<T> WithRetries<T>(Func<CancellationToken, Task<T>> call, CancellationToken token)",
            "    {",
            "        for (var attempt = 1; ; attempt++)",
            "        {",
            "            try { return await call(token); }",
            "            catch (TimeoutException) when (attempt < 3)",
            "            {",
            "                await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt) + Random.Shared.Next(50)), token);",
            "            }",
            "        }",
            "    }",
            "}",
        ]);
        DemoGit.Run(repositoryPath, "add", "--", file);
        var stamp = when.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = Author.Name, ["GIT_AUTHOR_EMAIL"] = Author.Email, ["GIT_AUTHOR_DATE"] = stamp,
            ["GIT_COMMITTER_NAME"] = Author.Name, ["GIT_COMMITTER_EMAIL"] = Author.Email, ["GIT_COMMITTER_DATE"] = stamp,
        };
        DemoGit.Run(repositoryPath, environment, "commit", "-q", "-m",
            "checkout: retry payment authorisation on gateway timeouts\n\nThree attempts with exponential back-off and jitter.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>");
        DemoGit.Run(repositoryPath, "checkout", "-q", "main");
    }
}
