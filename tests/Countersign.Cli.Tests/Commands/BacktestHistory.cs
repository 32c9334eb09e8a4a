using Countersign.Testing;

namespace Countersign.Cli.Tests.Commands;

/// <summary>
/// A branch with a story to replay, shared by the backtest tests (they only read it). On main, after the set-up commit:
/// <list type="number">
/// <item>Jan 6 — Dana (junior) commits an AI-assisted refund to payments, straight to main, during the one-day freeze;</item>
/// <item>Jan 7 — Erin (senior) writes a cart total by hand;</item>
/// <item>Jan 9 — Erin merges Bob's docs branch (a payments guide; a draft added and reverted inside the branch);</item>
/// <item>Jan 20 — Erin reverts Dana's refund;</item>
/// <item>Feb 25 — Sam fixes Erin's cart total (<c>Fixes: &lt;sha&gt;</c>);</item>
/// <item>Feb 27 — Pat adds a large platform config (<c>Fixes: #123</c>, an issue, not a commit).</item>
/// </list>
/// The policy asks a senior owner to sign off AI-assisted changes below senior (enforced) and the payments team to
/// read payments docs (warn only).
/// </summary>
public sealed class BacktestHistory : IDisposable
{
    public static readonly (string, string) Dana = ("Dana Junior", "dana@acme.test");
    public static readonly (string, string) Bob = ("Bob Mid", "bob@acme.test");
    public static readonly (string, string) Erin = ("Erin Senior", "erin@acme.test");
    public static readonly (string, string) Sam = ("Sam Senior", "sam@acme.test");
    public static readonly (string, string) Pat = ("Pat Staff", "pat@acme.test");

    /// <summary>The enforcement stories' organisation (dana, bob, erin, sam, pat).</summary>
    public const string Org = Enforcement.PolicyShop.Org;

    /// <summary>The enforcement stories' policy, plus a one-day freeze on Jan 6.</summary>
    public const string Policy = Enforcement.PolicyShop.Policy + """

        freezes:
          - name: one-day
            window: {start: 2026-01-06T00:00:00Z, end: 2026-01-06T23:59:59Z}
            branches: [main]
        """;

    private static string Catalog(string name, string owner) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: service
          lifecycle: production
          owner: group:{owner}
        """;

    public BacktestHistory()
    {
        Repo = TempGitRepo.Create();
        var charge = "package payments\n\nfunc Charge() {}\n";
        Repo.Commit("Set up the shop", new Dictionary<string, string>
        {
            [".countersign/org.yaml"] = Org,
            [".countersign/policy.yaml"] = Policy,
            [".github/CODEOWNERS"] = "* @acme/platform\n/services/payments/ @acme/payments\n/services/checkout/ @acme/checkout\n",
            ["services/payments/catalog-info.yaml"] = Catalog("payments", "payments"),
            ["services/payments/charge.go"] = charge,
            ["services/checkout/catalog-info.yaml"] = Catalog("checkout", "checkout"),
            ["services/checkout/cart.go"] = "package checkout\n",
        }, author: Erin, when: At(1, 5));

        DanaRefund = Repo.Commit("payments: refunds\n\nCo-authored-by: Claude <noreply@anthropic.com>\n",
            new Dictionary<string, string> { ["services/payments/charge.go"] = charge + "\nfunc Refund() {}\n" }, author: Dana, when: At(1, 6));
        ErinTotal = Repo.Commit("checkout: cart total", new Dictionary<string, string>
        {
            ["services/checkout/cart.go"] = "package checkout\n\n// Total is the cart's total.\nfunc Total() int { return 0 }\n",
        }, author: Erin, when: At(1, 7));

        Repo.Git("checkout -q -b docs/payments-guide");
        Repo.Commit("docs: payments guide", new Dictionary<string, string>
        {
            ["docs/payments/guide.md"] = string.Concat(Enumerable.Range(1, 10).Select(i => $"Line {i}\n")),
        }, author: Bob, when: At(1, 8));
        var draft = Repo.Commit("docs: draft", new Dictionary<string, string> { ["docs/payments/draft.md"] = "draft\n" }, author: Bob, when: At(1, 8, 12));
        Repo.Git("rm -q docs/payments/draft.md");
        Repo.Commit($"Revert \"docs: draft\"\n\nThis reverts commit {draft}.\n", new Dictionary<string, string>(), author: Bob, when: At(1, 8, 13));
        Repo.Git("checkout -q main");
        Merge = GitAs(Erin, At(1, 9), "merge -q --no-ff -m \"Merge branch 'docs/payments-guide'\" docs/payments-guide");

        RevertOfDana = Repo.Commit($"Revert \"payments: refunds\"\n\nThis reverts commit {DanaRefund}.\n",
            new Dictionary<string, string> { ["services/payments/charge.go"] = charge }, author: Erin, when: At(1, 20));
        SamFix = Repo.Commit($"checkout: total counts items\n\nFixes: {ErinTotal[..10]} (\"checkout: cart total\")\nSigned-off-by: Sam Senior <sam@acme.test>\n",
            new Dictionary<string, string> { ["services/checkout/cart.go"] = "package checkout\n\n// Total is the cart's total.\nfunc Total() int { return 1 }\n" },
            author: Sam, when: At(2, 25));
        PatConfig = Repo.Commit("platform: rate limits\n\nFixes: #123\n", new Dictionary<string, string>
        {
            ["infra/limits.txt"] = string.Concat(Enumerable.Range(1, 20).Select(i => $"limit{i}=100\n")),
        }, author: Pat, when: At(2, 27));
    }

    public TempGitRepo Repo { get; }

    public string DanaRefund { get; }

    public string ErinTotal { get; }

    public string Merge { get; }

    public string RevertOfDana { get; }

    public string SamFix { get; }

    public string PatConfig { get; }

    public string Path => Repo.Path;

    public static DateTimeOffset At(int month, int day, int hour = 10) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    public void Dispose() => Repo.Dispose();

    private string GitAs((string Name, string Email) who, DateTimeOffset when, string arguments)
    {
        var date = when.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        Repo.Git(arguments, new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = who.Name,
            ["GIT_AUTHOR_EMAIL"] = who.Email,
            ["GIT_AUTHOR_DATE"] = date,
            ["GIT_COMMITTER_NAME"] = who.Name,
            ["GIT_COMMITTER_EMAIL"] = who.Email,
            ["GIT_COMMITTER_DATE"] = date,
        });
        return Repo.Git("rev-parse HEAD").Trim();
    }
}
