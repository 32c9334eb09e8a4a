using Countersign.Testing;

namespace Countersign.Engine.Tests.Enforcement;

/// <summary>
/// A repository for engine stories: main holds the org directory (dana junior, erin senior, both in payments),
/// CODEOWNERS, a payments service and a policy protecting main; <see cref="Feature"/> is dana's AI-assisted change to
/// payments.
/// </summary>
internal static class EngineShop
{
    public const string Feature = "feature/refunds";

    public static readonly (string, string) Dana = ("Dana Junior", "dana@acme.test");
    public static readonly (string, string) Erin = ("Erin Senior", "erin@acme.test");

    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public const string Org = """
        levels: [intern, junior, mid, senior, staff, principal]
        teams:
          - id: payments
        people:
          - id: dana
            name: Dana Junior
            emails: [dana@acme.test]
            level: junior
            teams: [payments]
          - id: erin
            name: Erin Senior
            emails: [erin@acme.test]
            level: senior
            teams: [payments]
        """;

    public const string Policy = """
        version: 1
        protected_branches: [main]
        rules:
          - name: ai-below-senior
            if:
              all:
                - provenance: {status: [ai]}
                - author: {level: {below: senior}}
            requires:
              count: 1
              from: {level: {at_least: senior}}
        """;

    /// <summary>The policy a change might try to slip in: nothing is ever required.</summary>
    public const string PermissivePolicy = """
        version: 1
        protected_branches: [main]
        rules: []
        """;

    public static TempGitRepo Create(string policy = Policy, string org = Org)
    {
        var repo = TempGitRepo.Create();
        repo.Commit("Set up the shop", new Dictionary<string, string>
        {
            [".countersign/org.yaml"] = org,
            [".countersign/policy.yaml"] = policy,
            [".github/CODEOWNERS"] = "* @acme/payments\n",
            ["services/payments/charge.go"] = "package payments\n",
        }, author: Erin);
        repo.Git($"checkout -q -b {Feature}");
        repo.Commit("payments: refunds\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            new Dictionary<string, string> { ["services/payments/refund.go"] = "package payments\n\nfunc Refund() {}\n" }, author: Dana);
        repo.Git("checkout -q main");
        return repo;
    }
}
