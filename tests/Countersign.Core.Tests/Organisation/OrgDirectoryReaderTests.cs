using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;

namespace Countersign.Core.Tests.Organisation;

public sealed class OrgDirectoryReaderTests
{
    [Fact]
    public void TheExampleDirectoryReadsEveryField()
    {
        var directory = AcmeOrg.Directory;

        var dana = directory.FindPerson("dana")!;
        Assert.Equal(new Person("dana", "Dana Mid", dana.Emails, "dana-m", "dana", "mid", dana.Teams, "erin"), dana);
        Assert.Equal(["dana@acme.example", "dana.m@users.example"], dana.Emails);
        Assert.Equal(["payments"], dana.Teams);
        Assert.Equal("PatP", directory.FindPerson("pat")!.GitHub);
        Assert.Equal(new Team("payments", "Payments", "commerce"), directory.FindTeam("payments"));
        Assert.Equal(["intern", "junior", "mid", "senior", "staff", "principal"], directory.Levels);
        Assert.Equal(
            [new BotIdentity(GitHub: "dependabot[bot]"), new BotIdentity(Email: "ci@acme.example", GitLab: "ci-bot"), new BotIdentity(NamePattern: @".*\[bot\]$")],
            directory.Bots);
    }

    [Fact]
    public void WithoutALevelsSectionTheDefaultLevelsApply()
    {
        var result = OrgDirectoryReader.Read("people:\n  - id: a\n    emails: a@x.example\n    level: staff\n", "org.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(OrgDirectory.DefaultLevels, result.Directory.Levels);
        Assert.Equal("staff", result.Directory.FindPerson("a")!.Level);
        Assert.Equal(["a@x.example"], result.Directory.FindPerson("a")!.Emails);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing yet\n")]
    [InlineData("~")]
    public void AnEmptyFileIsAnEmptyDirectory(string yaml)
    {
        var result = OrgDirectoryReader.Read(yaml, "org.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Directory.People);
    }

    public static TheoryData<string, string, int, int, string?> BadInput => new()
    {
        {
            """
            people:
              - id: dana
                emails: [d@acme.example]
                level: seniour
            """,
            "unknown level 'seniour' (did you mean 'senior'?); the levels are intern, junior, mid, senior, staff, principal", 4, 12, "people[0].level"
        },
        {
            """
            teams:
              - id: payments
            people:
              - id: dana
                emails: [d@acme.example]
                teams: [payments, paymnts]
            """,
            "unknown team 'paymnts' (did you mean 'payments'?)", 6, 23, "people[0].teams[1]"
        },
        {
            """
            teams:
              - id: payments
                parent: comerce
              - id: commerce
            """,
            "unknown parent team 'comerce' (did you mean 'commerce'?)", 3, 13, "teams[0].parent"
        },
        {
            """
            people:
              - id: erin
                emails: [e@acme.example]
              - id: dana
                emails: [d@acme.example]
                manager: eirn
            """,
            "unknown manager 'eirn': no person has that id (did you mean 'erin'?)", 6, 14, "people[1].manager"
        },
        {
            """
            people:
              - id: dana
                emails: [d@acme.example]
                manager: dana
            """,
            "'dana' cannot be their own manager", 4, 14, "people[0].manager"
        },
        {
            """
            people:
              - id: dana
                emails: [d@acme.example]
              - id: dana
                emails: [d2@acme.example]
            """,
            "duplicate person id 'dana' (first defined on line 2)", 4, 9, "people[1].id"
        },
        {
            """
            people:
              - id: dana
                emails: [d@acme.example]
              - id: erin
                emails: [e@acme.example, D@Acme.Example]
            """,
            "e-mail 'D@Acme.Example' is already listed for person 'dana' (line 3): it will not be resolved to either", 5, 30, "people[1].emails[1]"
        },
        {
            """
            people:
              - id: dana
                github: dana-m
              - id: erin
                github: "@Dana-M"
            """,
            "GitHub handle 'Dana-M' is already listed for person 'dana' (line 3): it will not be resolved to either", 5, 13, "people[1].github"
        },
        {
            """
            people:
              - id: dana
                github: dependabot[bot]
            bots:
              - github: dependabot[bot]
            """,
            "GitHub handle 'dependabot[bot]' is already listed for person 'dana' (line 3): it will not be resolved to either", 5, 13, "bots[0].github"
        },
        {
            """
            teams:
              - id: a
                parent: c
              - id: b
                parent: a
              - id: c
                parent: b
            """,
            "team parents form a cycle: a → c → b → a; 'a' is left without a parent", 3, 13, "teams[0].parent"
        },
        {
            """
            teams:
              - id: a
                parent: a
            """,
            "team parents form a cycle: a → a; 'a' is left without a parent", 3, 13, "teams[0].parent"
        },
        {
            """
            people:
              - id: dana
                emial: d@acme.example
            """,
            "unknown key 'emial' (did you mean 'emails'?); allowed: id, name, emails, github, gitlab, level, teams, manager", 3, 5, "people[0].emial"
        },
        {
            """
            peeple:
              - id: dana
            """,
            "unknown key 'peeple' (did you mean 'people'?); allowed: levels, teams, people, bots", 1, 1, "peeple"
        },
        {
            """
            people:
              - id: dana
                emails: d@acme.example
                level: [mid]
            """,
            "expected a text value, found a list", 4, 12, "people[0].level"
        },
        {
            """
            people:
              dana:
                level: mid
            """,
            "expected a list, found a mapping", 2, 3, "people"
        },
        {
            """
            people:
              - id: dana
                emails: {work: d@acme.example}
            """,
            "expected a list, found a mapping", 3, 13, "people[0].emails"
        },
        {
            """
            people:
              - name: Dana
                emails: [d@acme.example]
            """,
            "'id' is required here", 2, 5, "people[0].id"
        },
        {
            """
            people:
              - id: dana mid
                emails: [d@acme.example]
            """,
            "'dana mid' must not contain spaces", 2, 9, "people[0].id"
        },
        {
            """
            people:
              - id: dana
                emails: [dana.acme.example]
            """,
            "'dana.acme.example' is not an e-mail address", 3, 14, "people[0].emails[0]"
        },
        {
            """
            levels: [junior, senior, junior]
            """,
            "level 'junior' is listed twice", 1, 26, "levels[2]"
        },
        {
            """
            bots:
              - name-pattern: "(unclosed"
            """,
            "invalid regular expression '(unclosed'", 2, 19, "bots[0].name-pattern"
        },
        {
            """
            bots:
              - github: ""
            """,
            "a bot needs at least one of email, github, gitlab, name-pattern", 2, 5, "bots[0]"
        },
        {
            """
            people:
              - id: dana
                emails: [d@acme.example
            """,
            "invalid YAML", 4, 1, null
        },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void BadInputIsReportedAtItsLineAndColumn(string yaml, string message, int line, int column, string? field)
    {
        var result = OrgDirectoryReader.Read(yaml, "org.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith(message, error.Message);
        Assert.Equal(("org.yaml", line, column, field), (error.Source, error.Line, error.Column, error.Field));
    }

    [Fact]
    public void BadValuesAreLeftOutAndTheRestOfThePersonStillCounts()
    {
        const string yaml = """
            teams:
              - id: payments
            people:
              - id: dana
                name: Dana Mid
                emails: [d@acme.example]
                level: wizard
                teams: [payments, nope]
                manager: ghost
            """;

        var dana = OrgDirectoryReader.Read(yaml, "org.yaml").Directory.FindPerson("dana")!;

        Assert.Equal(("Dana Mid", null, null), (dana.Name, dana.Level, dana.Manager));
        Assert.Equal(["payments"], dana.Teams);
        Assert.Equal(["d@acme.example"], dana.Emails);
    }

    [Fact]
    public void ABrokenTeamCycleLeavesAUsableHierarchy()
    {
        const string yaml = """
            teams:
              - id: a
                parent: b
              - id: b
                parent: a
            """;

        var directory = OrgDirectoryReader.Read(yaml, "org.yaml").Directory;

        Assert.Null(directory.FindTeam("a")!.Parent);
        Assert.Equal(["b", "a"], directory.TeamAndAncestors("b").Select(t => t.Id));
    }

    [Fact]
    public void APersonNobodyCanBeMatchedToIsAWarning()
    {
        var result = OrgDirectoryReader.Read("people:\n  - id: ghost\n    level: mid\n", "org.yaml");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("org.yaml:2:9: warning: person 'ghost' has no e-mail or handle: no commit or review can be matched to them (field 'people[0].id')", warning.ToString());
        Assert.NotNull(result.Directory.FindPerson("ghost"));
    }

    [Fact]
    public void ADuplicateKeyIsReportedNotThrown()
    {
        var result = OrgDirectoryReader.Read("people: []\npeople: []\n", "org.yaml");

        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Line == 2);
    }

    [Fact]
    public void NoPrefixOfAValidFileMakesTheReaderThrow()
    {
        for (var length = 0; length <= AcmeOrg.Yaml.Length; length++)
        {
            var result = OrgDirectoryReader.Read(AcmeOrg.Yaml[..length], "org.yaml");
            Assert.NotNull(result.Directory);
        }
    }
}
