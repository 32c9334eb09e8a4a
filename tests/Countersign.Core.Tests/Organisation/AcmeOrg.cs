using Countersign.Core.Organisation;

namespace Countersign.Core.Tests.Organisation;

/// <summary>A small organisation used across the organisation tests.</summary>
internal static class AcmeOrg
{
    public const string Yaml = """
        levels: [intern, junior, mid, senior, staff, principal]
        teams:
          - id: commerce
            name: Commerce
          - id: payments
            name: Payments
            parent: commerce
          - id: checkout
            name: Checkout
            parent: payments
          - id: platform
            name: Platform
        people:
          - id: erin
            name: Erin Senior
            emails: [erin@acme.example]
            github: erin-s
            level: senior
            teams: [commerce]
          - id: dana
            name: Dana Mid
            emails: [dana@acme.example, dana.m@users.example]
            github: dana-m
            gitlab: dana
            level: mid
            teams: [payments]
            manager: erin
          - id: jo
            name: Jo Junior
            emails: [jo@acme.example]
            level: junior
            teams: [checkout, platform]
            manager: dana
          - id: pat
            name: Pat Principal
            emails: [Pat@Acme.example]
            github: "@PatP"
            level: principal
            teams: [platform]
        bots:
          - github: dependabot[bot]
          - email: ci@acme.example
            gitlab: ci-bot
          - name-pattern: ".*\\[bot\\]$"
        """;

    public static OrgDirectory Directory { get; } = Load();

    private static OrgDirectory Load()
    {
        var result = OrgDirectoryReader.Read(Yaml, "acme.yaml");
        Assert.Empty(result.Diagnostics);
        return result.Directory;
    }
}
