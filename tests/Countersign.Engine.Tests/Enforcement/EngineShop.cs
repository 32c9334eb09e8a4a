using Countersign.Testing;

namespace Countersign.Engine.Tests.Enforcement;

/// <summary>
/// A repository for engine stories: main holds the org directory (dana junior, erin senior, both in payments),
/// CODEOWNERS, a payments service and a policy protecting main; <see cref="Feature"/> is dana's AI-assisted change to
/// payments.
/// </summary>
internal static class EngineShop
{
    public const string Feature = ShopRepository.Feature;

    public static readonly (string, string) Dana = ShopRepository.Dana;
    public static readonly (string, string) Erin = ShopRepository.Erin;

    public static readonly DateTimeOffset Now = ShopRepository.Now;

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

    public static TempGitRepo Create(string policy = Policy, string org = Org) => ShopRepository.Create(new Dictionary<string, string>
    {
        [".countersign/org.yaml"] = org,
        [".countersign/policy.yaml"] = policy,
        [".github/CODEOWNERS"] = "* @acme/payments\n",
        ["services/payments/charge.go"] = "package payments\n",
    });
}
