using Countersign.Engine.Changes;
using Countersign.Core.Changes;
using Countersign.Core.Diagnostics;
using Countersign.Git;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Changes;

public sealed class TrustedConfigurationTests
{
    private const string Yaml = """
        levels: [junior, senior]
        teams:
          - id: payments
        people:
          - id: erin
            emails: [erin@acme.example]
            level: senior
        bots:
          - email: ci@acme.example
        """;

    private static TrustedConfiguration Load(TempGitRepo repo, string revision = "main") =>
        TrustedConfiguration.Load(GitRepository.Open(repo.Path), revision);

    [Fact]
    public void ACsvExportAddsPeopleToTheYamlsLevelsTeamsAndBots()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("org", new Dictionary<string, string>
        {
            [".countersign/org.yaml"] = Yaml,
            [".countersign/org.csv"] = "id,name,emails,level,teams\ndana,Dana,dana@acme.example,junior,payments\nerin,Erin Twice,erin2@acme.example,junior,\n",
        });

        var trusted = Load(repo);

        Assert.Equal(["junior", "senior"], trusted.Directory.Levels);
        Assert.Equal(["erin", "dana"], trusted.Directory.People.Select(p => p.Id));
        Assert.Equal("senior", trusted.Directory.FindPerson("erin")!.Level);
        Assert.Equal(["payments"], trusted.Directory.FindPerson("dana")!.Teams);
        Assert.Single(trusted.Directory.Bots);
        Assert.Contains(trusted.Diagnostics, d => d.Source == ".countersign/org.csv" && d.Message.Contains("'erin'", StringComparison.Ordinal));
    }

    [Fact]
    public void ACsvAloneIsTheDirectory()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("org", new Dictionary<string, string> { [".countersign/org.csv"] = "id,emails,level\ndana,dana@acme.example,mid\n" });

        var trusted = Load(repo);

        Assert.Equal("mid", trusted.Directory.FindPerson("dana")!.Level);
        Assert.DoesNotContain(trusted.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Source == ".countersign/org.yaml");
    }

    [Fact]
    public void ProblemsInTheFilesAreReportedWithFileAndLineAndALineGitIgnoresIsOnlyAWarningAtTheGate()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("org", new Dictionary<string, string>
        {
            [".countersign/org.yaml"] = "people:\n  - id: dana\n    level: wizard\n",
            [".mailmap"] = "no email here\n",
        });

        var trusted = Load(repo);

        Assert.Contains(trusted.Diagnostics, d => d.Source == ".countersign/org.yaml" && d.Line == 3 && d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(trusted.Diagnostics, d => d.Source == ".mailmap" && d.Line == 1 && d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("git ignores this line", StringComparison.Ordinal));
        Assert.Null(trusted.Directory.FindPerson("dana")!.Level);
    }

    [Fact]
    public void AMailmapInTheChangeCannotMakeItsAuthorSomeoneElse()
    {
        using var repo = TempGitRepo.Create();
        repo.Commit("org", new Dictionary<string, string>
        {
            [".countersign/org.yaml"] = Yaml,
            [".mailmap"] = "Erin <erin@acme.example> <erin@old-laptop.example>\n",
        });
        repo.Git("checkout -q -b feature");
        repo.Commit("Impersonate", new Dictionary<string, string> { [".mailmap"] = "Erin <erin@acme.example> <mallory@evil.example>\n", ["x.txt"] = "x\n" },
            author: ("Mallory", "mallory@evil.example"));
        repo.Commit("Old laptop", new Dictionary<string, string> { ["y.txt"] = "y\n" }, author: ("Erin", "erin@old-laptop.example"));

        var change = new ChangeBuilder(GitRepository.Open(repo.Path)).Build(new ChangeRequest("main", "feature", "pr/1")).Change;

        var author = Assert.Single(change.Participants, p => p.Role == ParticipantRole.Author);
        Assert.Null(author.Match.Person);
        Assert.Equal("mallory@evil.example", author.Match.Key);
        var coAuthor = Assert.Single(change.Participants, p => p.Role == ParticipantRole.CoAuthor);
        Assert.Equal("erin", coAuthor.Match.Person!.Id);
        Assert.True(coAuthor.Match.ViaMailmap);
    }

    [Fact]
    public void AnInHouseAgentFromTheBasesSignaturesFileIsAnAgentButOneAddedByTheChangeIsNot()
    {
        const string signatures = """
            version: 1
            tools:
              - id: acme-agent
                name: Acme Agent
                markers:
                  - { kind: identity, email: agent@acme.example, confidence: 0.95 }
            """;
        using var repo = TempGitRepo.Create();
        repo.Commit("org", new Dictionary<string, string> { [".countersign/org.yaml"] = Yaml, [".countersign/signatures.yaml"] = signatures });
        repo.Git("checkout -q -b feature");
        repo.Commit("Agent work", new Dictionary<string, string> { ["a.txt"] = "a\n" }, author: ("Acme Agent", "agent@acme.example"), committer: ("Erin", "erin@acme.example"));
        repo.Commit("Hide my bot", new Dictionary<string, string>
        {
            [".countersign/signatures.yaml"] = signatures.Replace("agent@acme.example", "nobody@acme.example", StringComparison.Ordinal),
        }, author: ("Erin", "erin@acme.example"));

        var change = new ChangeBuilder(GitRepository.Open(repo.Path)).Build(new ChangeRequest("main", "feature", "pr/1")).Change;

        Assert.Contains(change.Participants, p => p.Role == ParticipantRole.Agent && p.Display == "Acme Agent <agent@acme.example>");
        Assert.Contains(change.Participants, p => p.Role == ParticipantRole.Prompter && p.Match.Person?.Id == "erin");
        Assert.Equal(["acme-agent"], change.Tools);
    }
}
