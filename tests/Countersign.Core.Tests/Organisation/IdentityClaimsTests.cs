using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;

namespace Countersign.Core.Tests.Organisation;

/// <summary>The directory's one uniqueness check, shared by org.yaml, CSV, PUT /api/v1/org and SCIM.</summary>
public sealed class IdentityClaimsTests
{
    private static OrgDirectory Directory(params Person[] people) => new(OrgDirectory.DefaultLevels, [], people, [new BotIdentity(GitHub: "dependabot[bot]")]);

    [Fact]
    public void TwoPeopleSharingAnEmailInAnyCaseConflict()
    {
        var directory = Directory(new Person("dana", "Dana", ["dana@acme.test"]));

        var conflicts = IdentityClaims.ConflictsOf(directory, new Person("erin", "Erin", ["erin@acme.test", "DANA@Acme.test"]));

        Assert.Equal(["e-mail 'DANA@Acme.test' is already listed for person 'dana'"], conflicts);
    }

    [Theory]
    [InlineData("4242+Dana-M@users.noreply.github.com")]
    [InlineData("dana-m@users.noreply.github.com")]
    public void ANoreplyAddressConflictsWithTheHandleItNames(string noreply)
    {
        var directory = Directory(new Person("dana", "Dana", ["dana@acme.test"], GitHub: "dana-m"));

        var conflict = Assert.Single(IdentityClaims.ConflictsOf(directory, new Person("mallory", "Mallory", [noreply])));

        Assert.Contains("no-reply address of 'Dana-M'".ToLowerInvariant(), conflict.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("person 'dana' as GitHub handle 'dana-m'", conflict, StringComparison.Ordinal);
    }

    [Fact]
    public void AHandleConflictsWithABotsHandle()
    {
        var conflict = Assert.Single(IdentityClaims.ConflictsOf(Directory(), new Person("eve", "Eve", [], GitHub: "Dependabot[bot]")));
        Assert.Equal("GitHub handle 'Dependabot[bot]' is already listed for a bot", conflict);
    }

    [Fact]
    public void APersonsOwnNoreplyAddressAndHandleDoNotConflictAndNeitherDoesChangingThemselves()
    {
        var dana = new Person("dana", "Dana", ["1+dana@users.noreply.github.com", "dana@acme.test"], GitHub: "dana");
        var directory = Directory(dana);

        Assert.Empty(IdentityClaims.ConflictsIn(directory));
        Assert.Empty(IdentityClaims.ConflictsOf(directory, dana with { Emails = ["DANA@acme.test"] }));
    }

    [Fact]
    public void OrgYamlRefusesTwoPeopleWithNoreplyFormsOfOneLogin()
    {
        const string Yaml = """
            people:
              - id: dana
                emails: [1+jane@users.noreply.github.com]
              - id: erin
                emails: [2+JANE@users.noreply.github.com]
            """;

        var result = OrgDirectoryReader.Read(Yaml, "org.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("is already listed for person 'dana'", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, error.Line);
    }
}
