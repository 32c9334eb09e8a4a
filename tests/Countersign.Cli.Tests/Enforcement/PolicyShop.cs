using Countersign.Testing;

namespace Countersign.Cli.Tests.Enforcement;

/// <summary>
/// A repository set up for enforcement stories: main holds the org directory (dana junior and bob mid in payments,
/// erin senior in payments, sam senior in checkout, pat staff in platform), CODEOWNERS, a payments service that checkout
/// depends on, and a policy; <see cref="Feature"/> is dana's AI-assisted change to payments.
/// </summary>
internal sealed class PolicyShop : IDisposable
{
    public const string Feature = ShopRepository.Feature;

    public static readonly (string, string) Dana = ShopRepository.Dana;
    public static readonly (string, string) Erin = ShopRepository.Erin;
    public static readonly (string, string) Sam = ("Sam Senior", "sam@acme.test");
    public static readonly (string, string) Pat = ("Pat Staff", "pat@acme.test");

    public static readonly DateTimeOffset Now = ShopRepository.Now;

    public const string Org = """
        levels: [intern, junior, mid, senior, staff, principal]
        teams:
          - id: commerce
          - id: payments
            parent: commerce
          - id: checkout
            parent: commerce
          - id: platform
        people:
          - id: dana
            name: Dana Junior
            emails: [dana@acme.test]
            level: junior
            teams: [payments]
          - id: bob
            name: Bob Mid
            emails: [bob@acme.test]
            level: mid
            teams: [payments]
          - id: erin
            name: Erin Senior
            emails: [erin@acme.test]
            github: erin-s
            level: senior
            teams: [payments]
          - id: sam
            name: Sam Senior
            emails: [sam@acme.test]
            level: senior
            teams: [checkout]
          - id: pat
            name: Pat Staff
            emails: [pat@acme.test]
            level: staff
            teams: [platform]
        bots:
          - github: "dependabot[bot]"
            email: "49699333+dependabot[bot]@users.noreply.github.com"
        """;

    public const string Policy = """
        version: 1
        protected_branches: [main]
        rules:
          - name: ai-below-senior
            description: An AI-assisted change by someone below senior needs a senior owner's sign-off.
            if:
              all:
                - provenance: {status: [ai]}
                - author: {level: {below: senior}}
            requires:
              count: 1
              from: {level: {at_least: senior}, owners: [affected, codeowners]}
          - name: payments-docs
            mode: warn
            if: {paths: {any: ["docs/payments/"]}}
            requires:
              from: {teams: [payments]}
        break_glass:
          allowed: {level: {at_least: staff}}
          min_reason_length: 10
          review_within: 24h
        """;

    private const string PaymentsCatalog = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: payments
          annotations:
            countersign.io/tier: "2"
        spec:
          type: service
          lifecycle: production
          owner: group:payments
        """;

    private const string CheckoutCatalog = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: checkout
          annotations:
            countersign.io/tier: "2"
        spec:
          type: service
          lifecycle: production
          owner: group:checkout
          dependsOn: [component:payments]
        """;

    private PolicyShop(TempGitRepo repo) => Repo = repo;

    public TempGitRepo Repo { get; }

    public string Path => Repo.Path;

    public static PolicyShop Create(string policy = Policy)
    {
        var repo = ShopRepository.Create(new Dictionary<string, string>
        {
            [".countersign/org.yaml"] = Org,
            [".countersign/policy.yaml"] = policy,
            [".github/CODEOWNERS"] = "* @acme/platform\n/services/payments/ @acme/payments\n/services/checkout/ @acme/checkout\n",
            ["services/payments/catalog-info.yaml"] = PaymentsCatalog,
            ["services/payments/charge.go"] = "package payments\n\nfunc Charge() {}\n",
            ["services/checkout/catalog-info.yaml"] = CheckoutCatalog,
            ["services/checkout/cart.go"] = "package checkout\n",
            ["docs/index.md"] = "# Docs\n",
        });
        return new PolicyShop(repo);
    }

    /// <summary>Runs countersign in the repository at <see cref="Now"/> (plus <paramref name="later"/>).</summary>
    public (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => RunAt(TimeSpan.Zero, args);

    public (int ExitCode, string Stdout, string Stderr) RunAt(TimeSpan later, params string[] args) =>
        CliRunner.RunAt(Now + later, Path, null, null, args);

    public (int ExitCode, string Stdout, string Stderr) Check(params string[] extra) =>
        Run(["check", "--base", "main", "--head", Feature, .. extra]);

    public (int ExitCode, string Stdout, string Stderr) Approve(string who, params string[] extra) =>
        Run(["approve", "--base", "main", "--head", Feature, "--as", who, .. extra]);

    public void Dispose() => Repo.Dispose();
}
