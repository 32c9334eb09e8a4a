using Countersign.Core.Diagnostics;
using Countersign.Core.Organisation;
using Countersign.Testing;

namespace Countersign.Core.Tests.Organisation;

public sealed class MailmapTests
{
    private const string AcmeMailmap = """
        # Acme mailmap
        Dana Mid <dana@acme.example>
        <dana@acme.example> <dana@old.example>
        Dana Mid <dana@acme.example> <DANA@laptop.local>
        Erin Senior <erin@acme.example> Erin <erin@shared.example>
        Jo Junior <jo@acme.example> jo <shared@acme.example>
        Pat P <pat@acme.example> <shared@acme.example>
          Spaced   Name   <spaced@acme.example>
        <only-email@acme.example> <alias@acme.example>
        First Name <dup@acme.example>
        Later Name <dup@acme.example>
        <dup-email@acme.example> <dup@acme.example>
        Named <named@acme.example> <>
        Trailing <t@acme.example> junk text
        broken line without email
        Unclosed <oops@acme.example
        Empty <>
        # Commented <c@acme.example>
        Ünïcode Nàme <uni@acme.example>
         Leading Space <lead@acme.example> Some One <some@acme.example>
        Case Test <case@acme.example> CommitName <Case@Example.COM>
        Only Named <only-named@acme.example> Alias Name <only-named@old.example>
        Tabbed	Name	<tab@acme.example> # a trailing comment
        """;

    /// <summary>Identities as commits record them; each is checked against git itself.</summary>
    private static readonly (string Name, string Email)[] Identities =
    [
        ("Dana", "dana@acme.example"),
        ("D", "dana@old.example"),
        ("X", "dana@laptop.local"),
        ("Erin", "erin@shared.example"),
        ("ERIN", "ERIN@Shared.Example"),
        ("Someone Else", "erin@shared.example"),
        ("jo", "shared@acme.example"),
        ("Other", "shared@acme.example"),
        ("x", "spaced@acme.example"),
        ("y", "alias@acme.example"),
        ("", "alias@acme.example"),
        ("z", "dup@acme.example"),
        ("n", ""),
        ("t", "t@acme.example"),
        ("c", "c@acme.example"),
        ("oops", "oops@acme.example"),
        ("u", "uni@acme.example"),
        ("Some One", "some@acme.example"),
        ("commitname", "case@example.com"),
        ("Alias Name", "only-named@old.example"),
        ("Another Name", "only-named@old.example"),
        ("tab", "tab@acme.example"),
        ("Nobody", "nobody@acme.example"),
    ];

    [Theory]
    [InlineData("Proper Name <commit@x.example>", "Old", "Commit@X.example", "Proper Name", "Commit@X.example")]
    [InlineData("<proper@x.example> <commit@x.example>", "Old", "commit@x.example", "Old", "proper@x.example")]
    [InlineData("Proper Name <proper@x.example> <commit@x.example>", "Old", "commit@x.example", "Proper Name", "proper@x.example")]
    [InlineData("Proper Name <proper@x.example> Commit Name <commit@x.example>", "commit name", "COMMIT@x.example", "Proper Name", "proper@x.example")]
    [InlineData("Proper Name <proper@x.example> Commit Name <commit@x.example>", "Other Name", "commit@x.example", "Other Name", "commit@x.example")]
    [InlineData("# Proper Name <commit@x.example>", "Old", "commit@x.example", "Old", "commit@x.example")]
    [InlineData("Proper Name <commit@x.example>", "Old", "other@x.example", "Old", "other@x.example")]
    public void EachOfTheFourLineFormsMapsAsGitDoes(string line, string name, string email, string expectedName, string expectedEmail)
    {
        var result = Mailmap.Parse(line, ".mailmap");

        Assert.Empty(result.Diagnostics);
        Assert.Equal((expectedName, expectedEmail), result.Mailmap.Map(name, email));
    }

    [Fact]
    public void MappingAgreesWithGitCheckMailmap()
    {
        using var repo = TempGitRepo.Create();
        repo.WriteFile(".mailmap", AcmeMailmap + "\n");
        var contacts = Identities.Select(i => Format(i.Name, i.Email)).ToList();

        var expected = repo.Git("check-mailmap --stdin", stdin: string.Join("\n", contacts) + "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var mailmap = Mailmap.Parse(AcmeMailmap, ".mailmap").Mailmap;
        var actual = Identities.Select(i => mailmap.Map(i.Name, i.Email)).Select(m => Format(m.Name, m.Email));

        Assert.Equal(expected, actual);
        Assert.Contains("Dana Mid <dana@acme.example>", expected);
    }

    [Fact]
    public void WindowsLineEndingsMapTheSameAsGitDoes()
    {
        using var repo = TempGitRepo.Create();
        var crlf = AcmeMailmap.ReplaceLineEndings("\r\n") + "\r\n";
        repo.WriteFile(".mailmap", crlf);
        var contacts = Identities.Select(i => Format(i.Name, i.Email)).ToList();

        var expected = repo.Git("check-mailmap --stdin", stdin: string.Join("\n", contacts) + "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var mailmap = Mailmap.Parse(crlf, ".mailmap").Mailmap;

        Assert.Equal(expected, Identities.Select(i => mailmap.Map(i.Name, i.Email)).Select(m => Format(m.Name, m.Email)));
    }

    [Fact]
    public void LinesGitIgnoresAreErrorsAndIgnoredTextIsAWarning()
    {
        var result = Mailmap.Parse(AcmeMailmap, ".mailmap");

        Assert.Equal(
        [
            (DiagnosticSeverity.Warning, 14, 27, "git ignores 'junk text' after the last e-mail"),
            (DiagnosticSeverity.Error, 15, 1, "no <e-mail> on this line; git ignores this line"),
            (DiagnosticSeverity.Error, 16, 10, "'<' without a closing '>'; git ignores this line"),
            (DiagnosticSeverity.Error, 17, 7, "empty e-mail '<>'; git ignores this line"),
        ],
        result.Diagnostics.Select(d => (d.Severity, d.Line ?? 0, d.Column ?? 0, d.Message)));
        Assert.All(result.Diagnostics, d => Assert.Equal(".mailmap", d.Source));
    }

    [Fact]
    public void MappingAGitIdentityKeepsItsTimestamp()
    {
        var mailmap = Mailmap.Parse("Dana Mid <dana@acme.example> <d@old.example>", ".mailmap").Mailmap;
        var when = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        var mapped = mailmap.Map(new Core.History.GitIdentity("d", "d@old.example", when));

        Assert.Equal(new Core.History.GitIdentity("Dana Mid", "dana@acme.example", when), mapped);
        Assert.Equal(1, mailmap.Count);
        Assert.Equal(0, Mailmap.Empty.Count);
    }

    [Fact]
    public void NoPrefixOfAMailmapMakesTheParserThrow()
    {
        for (var length = 0; length <= AcmeMailmap.Length; length++)
        {
            Assert.NotNull(Mailmap.Parse(AcmeMailmap[..length], ".mailmap").Mailmap);
        }
    }

    private static string Format(string name, string email) => name.Length == 0 ? $"<{email}>" : $"{name} <{email}>";
}
