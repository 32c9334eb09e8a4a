using Countersign.Core.Organisation;

namespace Countersign.Core.Tests.Policy.Compilation;

/// <summary>Every kind of mistake is reported with the file, line, column, field path, the offending value and what is allowed.</summary>
public sealed class DiagnosticTests
{
    private const string Rule = "version: 1\nrules:\n  - name: r\n";

    public static TheoryData<string, string> Mistakes() => new()
    {
        // Keys
        { "version: 1\nrulez: []\n", "policy.yaml:2:1: error: unknown key 'rulez' (did you mean 'rules'?); allowed: version, extends, disable, protected_branches, rules, freezes, break_glass (field 'rulez')" },
        { Rule + "    if: {provenace: {status: [ai]}}\n", "policy.yaml:4:10: error: unknown key 'provenace' (did you mean 'provenance'?); allowed: all, any, not, provenance, author, contributors, paths, components, tier, blast_radius, risk, size, labels, target_branch, source_branch, time (field 'rules[0].if.provenace')" },
        { Rule + "    requires: {cont: 2}\n", "policy.yaml:4:16: error: unknown key 'cont' (did you mean 'count'?); allowed: count, from, distinct_teams, invalidate_on, disapproval, allow_committers (field 'rules[0].requires.cont')" },
        { Rule + "    if: {author: {match: all, level: {below: senior}}}\n", "policy.yaml:4:19: error: unknown key 'match'; allowed: level, teams, people (field 'rules[0].if.author.match')" },
        { "rules: []\n", "policy.yaml:1:1: error: 'version' is required here (field 'version')" },
        { "version: 1\nrules:\n  - description: x\n", "policy.yaml:3:5: error: 'name' is required here (field 'rules[0].name')" },
        { "version: 1\nfreezes:\n  - name: f\n", "policy.yaml:3:5: error: 'window' is required here (field 'freezes[0].window')" },
        { "version: 1\nbreak_glass: {}\n", "policy.yaml:2:14: error: 'allowed' is required here (field 'break_glass.allowed')" },
        { Rule + "    if: {components: {scope: touched}}\n", "policy.yaml:4:22: error: 'names' is required here (field 'rules[0].if.components.names')" },
        { Rule + "    if: {}\n", "policy.yaml:4:9: error: empty mapping: give at least one of all, any, not, provenance, author, contributors, paths, components, tier, blast_radius, risk, size, labels, target_branch, source_branch, time (field 'rules[0].if')" },
        { Rule + "    if: {contributors: {match: all}}\n", "policy.yaml:4:24: error: give at least one of level, teams, people (field 'rules[0].if.contributors')" },
        { Rule + "    if: {tier: {scope: reached}}\n", "policy.yaml:4:16: error: give at least one of at_least, at_most, above, below (field 'rules[0].if.tier')" },
        { "version: 1\nfreezes:\n  - name: f\n    window: {timezone: Europe/Berlin}\n", "policy.yaml:4:13: error: give at least one of start, end, days, from, to (field 'freezes[0].window')" },
        { Rule + "    requires: {from: {any_of: [{people: [erin]}], level: {at_least: senior}}}\n", "policy.yaml:4:22: error: 'any_of' stands alone: move level into its options (field 'rules[0].requires.from')" },
        // Types
        { Rule + "    if: {provenance: {status: ai}}\n", "policy.yaml:4:31: error: expected a list, found 'ai' (write [ai]) (field 'rules[0].if.provenance.status')" },
        { Rule + "    if: [provenance]\n", "policy.yaml:4:9: error: expected a mapping with keys all, any, not, provenance, author, contributors, paths, components, tier, blast_radius, risk, size, labels, target_branch, source_branch, time, found a list (field 'rules[0].if')" },
        { Rule + "    if: {not: [{labels: {any: [a]}}]}\n", "policy.yaml:4:15: error: expected a mapping with keys all, any, not, provenance, author, contributors, paths, components, tier, blast_radius, risk, size, labels, target_branch, source_branch, time, found a list (field 'rules[0].if.not')" },
        { Rule + "    requires: {count: many}\n", "policy.yaml:4:23: error: expected a whole number, found 'many' (field 'rules[0].requires.count')" },
        { Rule + "    requires: {count: 1.5}\n", "policy.yaml:4:23: error: expected a whole number, found the number 1.5 (field 'rules[0].requires.count')" },
        { Rule + "    requires: {count: \"2\"}\n", "policy.yaml:4:23: error: expected a whole number, found '2' (field 'rules[0].requires.count')" },
        { Rule + "    locked: yes\n", "policy.yaml:4:13: error: expected true or false, found 'yes' (field 'rules[0].locked')" },
        { Rule + "    description:\n", "policy.yaml:4:17: error: expected a text value, found nothing (field 'rules[0].description')" },
        { Rule + "    if: {labels: {any: [2024]}}\n", "policy.yaml:4:25: error: expected a text value, found the number 2024 (quote it if it is meant as text: \"2024\") (field 'rules[0].if.labels.any[0]')" },
        { Rule + "    if: {labels: {any: []}}\n", "policy.yaml:4:24: error: empty list: give at least 1 (or leave the key out) (field 'rules[0].if.labels.any')" },
        { "version: 1\nrules: {name: r}\n", "policy.yaml:2:8: error: expected a list, found a mapping (field 'rules')" },
        // Values
        { "version: 2\n", "policy.yaml:1:10: error: 2 is out of range: must be 1 (field 'version')" },
        { Rule + "    requires: {count: 0}\n", "policy.yaml:4:23: error: 0 is out of range: must be at least 1 (field 'rules[0].requires.count')" },
        { Rule + "    if: {provenance: {ai_line_share: {at_least: 80}}}\n", "policy.yaml:4:49: error: 80 is out of range: allowed 0 to 1 (field 'rules[0].if.provenance.ai_line_share.at_least')" },
        { Rule + "    if: {risk: {score: {at_least: 60, below: 50}}}\n", "policy.yaml:4:24: error: the range ≥ 60 and < 50 contains no number (field 'rules[0].if.risk.score')" },
        { Rule + "    if: {tier: {at_least: 3, at_most: 2}}\n", "policy.yaml:4:16: error: no tier is ≥ 3 and ≤ 2 (field 'rules[0].if.tier')" },
        { Rule + "    mode: enforced\n", "policy.yaml:4:11: error: 'enforced' is not allowed here (did you mean 'enforce'?); allowed: enforce, warn (field 'rules[0].mode')" },
        { Rule + "    requires: {invalidate_on: any_change}\n", "policy.yaml:4:31: error: 'any_change' is not allowed here (did you mean 'any-change'?); allowed: any-change, rule-paths, never (field 'rules[0].requires.invalidate_on')" },
        { Rule + "    requires: {from: {owners: [owner]}}\n", "policy.yaml:4:32: error: 'owner' is not allowed here; allowed: affected, consumers, codeowners (field 'rules[0].requires.from.owners[0]')" },
        { Rule + "    if: {blast_radius: {class: [multiservice]}}\n", "policy.yaml:4:33: error: 'multiservice' is not allowed here (did you mean 'multi-service'?); allowed: contained, service, multi-service, critical (field 'rules[0].if.blast_radius.class[0]')" },
        { "version: 1\nrules:\n  - name: Bad Name\n", "policy.yaml:3:11: error: 'Bad Name' must be lower-case letters, digits and dashes, starting with a letter or digit (e.g. ai-below-senior) (field 'rules[0].name')" },
        { "version: 1\nrules:\n  - name: r\n  - name: r\n", "policy.yaml:4:11: error: rule name 'r' is used twice in this file (first at line 3) (field 'rules[1].name')" },
        { "version: 1\nfreezes:\n  - name: f\n    window: {days: [sun]}\n  - name: f\n    window: {days: [sat]}\n", "policy.yaml:5:11: error: freeze name 'f' is used twice in this file (first at line 3) (field 'freezes[1].name')" },
        // The org directory
        { Rule + "    requires: {from: {level: {at_least: seniour}}}\n", "policy.yaml:4:41: error: 'seniour' is not a level of the organisation (did you mean 'senior'?); levels: intern, junior, mid, senior, staff, principal (field 'rules[0].requires.from.level.at_least')" },
        { Rule + "    if: {author: {level: {is: [senior, lead]}}}\n", "policy.yaml:4:40: error: 'lead' is not allowed here; allowed: intern, junior, mid, senior, staff, principal (field 'rules[0].if.author.level.is[1]')" },
        { Rule + "    if: {author: {level: {above: staff, below: principal}}}\n", "policy.yaml:4:26: error: no level is above staff and below principal (field 'rules[0].if.author.level')" },
        { Rule + "    requires: {from: {teams: [paymnts]}}\n", "policy.yaml:4:31: error: no team 'paymnts' in the org directory (did you mean 'payments'?) (field 'rules[0].requires.from.teams[0]')" },
        { Rule + "    if: {contributors: {people: [dana, eirn]}}\n", "policy.yaml:4:40: error: no person 'eirn' in the org directory (did you mean 'erin'?) (field 'rules[0].if.contributors.people[1]')" },
        // Globs, dates, zones, durations
        { Rule + "    if: {paths: {any: [\"src/{a,b}/**\"]}}\n", "policy.yaml:4:24: error: 'src/{a,b}/**' is not a valid glob: braces are not supported: give each alternative as its own glob (field 'rules[0].if.paths.any[0]')" },
        { Rule + "    if: {paths: {none: [\"**.md\"]}}\n", "policy.yaml:4:25: error: '**.md' is not a valid glob: ** must be a whole path segment: '**.md' (write **/*.md or *.md) (field 'rules[0].if.paths.none[0]')" },
        { Rule + "    if: {paths: {any: [\"a//b\", ok/, \"!x\"]}}\n", "policy.yaml:4:24: error: 'a//b' is not a valid glob: an empty folder name (//) matches nothing (field 'rules[0].if.paths.any[0]')\n" +
            "policy.yaml:4:37: error: '!x' is not a valid glob: negation is not supported: list exclusions under paths.none, or wrap the condition in not (field 'rules[0].if.paths.any[2]')" },
        { Rule + "    if: {target_branch: [\"release/[0-9\"]}\n", "policy.yaml:4:26: error: 'release/[0-9' is not a valid glob: '[' at position 9 is never closed with ']' (field 'rules[0].if.target_branch[0]')" },
        { "version: 1\nfreezes:\n  - name: f\n    window: {start: 2026-12-19}\n", "policy.yaml:4:21: error: '2026-12-19' is not a date and time with an offset: write e.g. 2026-12-19T00:00:00Z or 2026-12-19T09:00:00+01:00 (field 'freezes[0].window.start')" },
        { "version: 1\nfreezes:\n  - name: f\n    window: {start: 2026-02-30T00:00:00Z}\n", "policy.yaml:4:21: error: '2026-02-30T00:00:00Z' is not a date on the calendar (field 'freezes[0].window.start')" },
        { "version: 1\nfreezes:\n  - name: f\n    window: {start: 2026-12-19T00:00:00Z, end: 2026-12-18T00:00:00Z}\n", "policy.yaml:4:48: error: the window ends before it starts (field 'freezes[0].window.end')" },
        { "version: 1\nfreezes:\n  - name: f\n    window: {to: \"25:00\"}\n", "policy.yaml:4:18: error: '25:00' is not a time of day: write HH:mm, e.g. \"16:00\" (\"24:00\" is the end of the day) (field 'freezes[0].window.to')" },
        { "version: 1\nfreezes:\n  - name: f\n    window: {from: \"24:00\"}\n", "policy.yaml:4:20: error: '24:00' is not a time of day a window can start at: write HH:mm, e.g. \"16:00\" (\"24:00\" can only end a window) (field 'freezes[0].window.from')" },
        { "version: 1\nfreezes:\n  - name: f\n    window: {from: \"10:00\", to: \"10:00\"}\n", "policy.yaml:4:33: error: from and to are the same time: the window would never hold (field 'freezes[0].window.to')" },
        { "version: 1\nfreezes:\n  - name: f\n    window: {days: [fri], timezone: Europe/Berln}\n", "policy.yaml:4:37: error: 'Europe/Berln' is not a time zone (did you mean 'Europe/Berlin'?) (use an IANA id such as Europe/Berlin or America/New_York) (field 'freezes[0].window.timezone')" },
        { "version: 1\nfreezes:\n  - name: f\n    window: {days: [friday]}\n", "policy.yaml:4:21: error: 'friday' is not allowed here; allowed: mon, tue, wed, thu, fri, sat, sun (field 'freezes[0].window.days[0]')" },
        { "version: 1\nbreak_glass:\n  allowed: {}\n  review_within: 2 weeks\n", "policy.yaml:4:18: error: '2 weeks' is not a duration: write a whole number and a unit, e.g. 30m, 48h or 3d (field 'break_glass.review_within')" },
        { "version: 1\nbreak_glass:\n  allowed: {}\n  min_reason_length: 0\n", "policy.yaml:4:22: error: 0 is out of range: must be at least 1 (field 'break_glass.min_reason_length')" },
        // YAML itself
        { "version: 1\nrules: [\n", "policy.yaml:3:1: error: invalid YAML: While parsing a node, did not find expected node content." },
        { "version: 1\nversion: 1\n", "policy.yaml:2:1: error: invalid YAML: Duplicate key version" },
        { "version: 1\n  rules: []\n", "policy.yaml:2:8: error: invalid YAML: While scanning a plain scalar value, found invalid mapping." },
        { "", "policy.yaml:1:1: error: the policy is empty; start with 'version: 1' and a list of rules (countersign init writes an example)" },
        { "version: 1\n---\nversion: 1\n", "policy.yaml:3:1: error: the policy holds one YAML document; found a second" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void EachMistakeIsReportedWithItsPlaceFieldValueAndWhatIsAllowed(string yaml, string expected) =>
        Assert.Equal(expected, Compile.Errors(yaml));

    [Theory]
    [InlineData("Europe")] // a folder of the zone database: .NET throws SecurityException reading it (fuzz finding 7)
    [InlineData("America")]
    [InlineData("Europe/Ber\u0001lin")]
    public void ATimeZoneThatIsAFolderOrNoFileNameIsAMistakeNotACrash(string zone)
    {
        var errors = Compile.Errors($"version: 1\nfreezes:\n  - name: f\n    window: {{days: [fri], timezone: \"{zone}\"}}\n");

        Assert.StartsWith("policy.yaml:4:37: error: '", errors, StringComparison.Ordinal);
        Assert.Contains("is not a time zone", errors, StringComparison.Ordinal);
        Assert.EndsWith("(field 'freezes[0].window.timezone')", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMistakeInAFileIsReportedInOneRun()
    {
        var errors = Compile.Errors("""
            version: 1
            rules:
              - name: a
                mode: sometimes
                requires: {from: {teams: [nobody]}, count: many}
              - name: b
                if: {labels: {any: hotfix}}
            freezes:
              - name: f
                window: {days: [fri], timezone: Nowhere/City}
            """).Split('\n');
        Assert.Equal(["policy.yaml:4:11", "policy.yaml:5:31", "policy.yaml:5:48", "policy.yaml:7:24", "policy.yaml:10:37"], errors.Select(e => e[..e.IndexOf(": error", StringComparison.Ordinal)]));
    }

    [Fact]
    public void AgainstAnEmptyOrgDirectoryTeamsAndPeopleCannotBeCheckedButLevelsCan()
    {
        var yaml = Rule + "    requires: {from: {teams: [anyone], people: [someone], level: {at_least: senior}}}\n";
        Assert.False(Compile.Policy(yaml, org: OrgDirectory.Empty).HasErrors);
        var peopleOnly = new OrgDirectory(OrgDirectory.DefaultLevels, [], [new Person("erin", "Erin", [], Level: "senior")], []);
        Assert.Equal("policy.yaml:4:31: error: no team 'anyone' in the org directory (it lists no teams) (field 'rules[0].requires.from.teams[0]')\n" +
                     "policy.yaml:4:49: error: no person 'someone' in the org directory (field 'rules[0].requires.from.people[0]')",
            Compile.Errors(yaml, org: peopleOnly));
    }
}
