using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;

namespace Countersign.Core.Tests.Organisation;

public sealed class OrgDirectoryCsvReaderTests
{
    private static readonly IReadOnlyList<string> Levels = OrgDirectory.DefaultLevels;

    [Fact]
    public void AnHrExportReadsIntoPeopleWithSeveralEmailsAndTeams()
    {
        const string csv = """
            id,name,emails,github,gitlab,level,teams,manager
            erin,"Senior, Erin",erin@acme.example,erin-s,,senior,commerce,
            dana,Dana Mid,dana@acme.example; dana.m@users.example,@dana-m,dana,mid,payments;commerce,erin
            "jo","Jo ""JJ"" Junior",jo@acme.example,,,junior,,dana
            """;

        var result = OrgDirectoryCsvReader.Read(csv, "people.csv", Levels);

        Assert.Empty(result.Diagnostics);
        var dana = result.Directory.FindPerson("dana")!;
        Assert.Equal(("Dana Mid", "dana-m", "dana", "mid", "erin"), (dana.Name, dana.GitHub, dana.GitLab, dana.Level, dana.Manager));
        Assert.Equal(["dana@acme.example", "dana.m@users.example"], dana.Emails);
        Assert.Equal(["payments", "commerce"], dana.Teams);
        Assert.Equal("Senior, Erin", result.Directory.FindPerson("erin")!.Name);
        Assert.Equal("Jo \"JJ\" Junior", result.Directory.FindPerson("jo")!.Name);
        Assert.Empty(result.Directory.FindPerson("jo")!.Teams);
        Assert.Equal([new Team("commerce", "commerce"), new Team("payments", "payments")], result.Directory.Teams);
    }

    [Fact]
    public void ColumnsMayComeInAnyOrderAndAnyCase()
    {
        var result = OrgDirectoryCsvReader.Read("Level,ID,Emails\nstaff,pat,pat@acme.example\n", "people.csv", Levels);

        Assert.Empty(result.Diagnostics);
        var pat = Assert.Single(result.Directory.People);
        Assert.Equal(("pat", "pat", "staff", "pat@acme.example"), (pat.Id, pat.Name, pat.Level, Assert.Single(pat.Emails)));
    }

    public static TheoryData<string, string, DiagnosticSeverity, int, int, string?> BadInput => new()
    {
        { "id,emails,level\ndana,d@acme.example,seniour\n", "unknown level 'seniour' (did you mean 'senior'?)", DiagnosticSeverity.Error, 2, 21, "level" },
        { "id,emails,level\n\"dana\",\"d@acme.example\",\"wizard\"\n", "unknown level 'wizard'", DiagnosticSeverity.Error, 2, 26, "level" },
        { "id,emails\ndana,d@acme.example;  broken\n", "'broken' is not an e-mail address", DiagnosticSeverity.Error, 2, 23, "emails" },
        { "id,emails\ndana,\"d@acme.example\n; broken\"\n", "'broken' is not an e-mail address", DiagnosticSeverity.Error, 2, 6, "emails" },
        { "id,emails,manager\ndana,d@acme.example,eirn\nerin,e@acme.example,\n", "unknown manager 'eirn'", DiagnosticSeverity.Error, 2, 21, "manager" },
        { "id,emails\ndana,d@acme.example\nerin,D@ACME.example\n", "e-mail 'D@ACME.example' is already listed for person 'dana' (line 2)", DiagnosticSeverity.Error, 3, 6, "emails" },
        { "id,emails\ndana,d@acme.example\ndana,d2@acme.example\n", "duplicate person id 'dana' (first defined on line 2)", DiagnosticSeverity.Error, 3, 1, "id" },
        { "id,emial\ndana,d@acme.example\n", "unknown column 'emial' (did you mean 'emails'?)", DiagnosticSeverity.Error, 1, 4, "emial" },
        { "name,emails\nDana,d@acme.example\n", "the header has no 'id' column", DiagnosticSeverity.Error, 1, 1, null },
        { "id,emails\n,d@acme.example\n", "this record has no id", DiagnosticSeverity.Error, 2, 1, "id" },
        { "id,emails\ndana,d@acme.example,extra\n", "this record has 3 fields but the header has 2", DiagnosticSeverity.Error, 2, 21, null },
        { "id,emails\ndana,\"d@acme.example\n", "this quoted field is never closed", DiagnosticSeverity.Error, 2, 6, null },
        { "", "the file is empty", DiagnosticSeverity.Error, 1, 1, null },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void BadInputIsReportedAtItsLineColumnAndField(string csv, string message, DiagnosticSeverity severity, int line, int column, string? field)
    {
        var result = OrgDirectoryCsvReader.Read(csv, "people.csv", Levels);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Severity == severity);
        Assert.StartsWith(message, diagnostic.Message);
        Assert.Equal(("people.csv", severity, line, column, field), (diagnostic.Source, diagnostic.Severity, diagnostic.Line, diagnostic.Column, diagnostic.Field));
    }

    [Fact]
    public void WithTheOrganisationsTeamsAnUnknownTeamIsAnErrorInsteadOfANewTeam()
    {
        var result = OrgDirectoryCsvReader.Read("id,emails,teams\ndana,d@acme.example,payments;paymnts\n", "people.csv", Levels, AcmeOrg.Directory.Teams);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("people.csv:2:30: error: unknown team 'paymnts' (did you mean 'payments'?) (field 'teams')", error.ToString());
        Assert.Equal(["payments"], result.Directory.FindPerson("dana")!.Teams);
        Assert.Equal(AcmeOrg.Directory.Teams, result.Directory.Teams);
    }

    [Fact]
    public void AShortRecordIsAWarningAndItsMissingFieldsAreEmpty()
    {
        var result = OrgDirectoryCsvReader.Read("id,emails,level\ndana,d@acme.example\n", "people.csv", Levels);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Null(result.Directory.FindPerson("dana")!.Level);
    }

    [Fact]
    public void NoPrefixOfAnExportMakesTheReaderThrow()
    {
        const string csv = "id,name,emails,github,gitlab,level,teams,manager\r\nerin,\"Senior, \"\"E\"\"\",erin@acme.example,erin-s,,senior,commerce,\r\ndana,Dana,d@acme.example;x@acme.example,,,mid,payments,erin\r\n";
        for (var length = 0; length <= csv.Length; length++)
        {
            Assert.NotNull(OrgDirectoryCsvReader.Read(csv[..length], "people.csv", Levels).Directory);
        }
    }
}
