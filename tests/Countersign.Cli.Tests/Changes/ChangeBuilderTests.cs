using Countersign.Engine.Changes;
using Countersign.Core.BlastRadius;
using Countersign.Core.Changes;
using Countersign.Core.Provenance;
using Countersign.Git;
using Countersign.Testing;

namespace Countersign.Cli.Tests.Changes;

public sealed class ChangeBuilderTests
{
    private static readonly (string, string) Dana = ("Dana Junior", "dana@acme.example");
    private static readonly (string, string) Erin = ("Erin Senior", "erin@acme.example");
    private static readonly (string, string) Bob = ("Bob Mid", "bob@acme.example");
    private static readonly (string, string) GitHubWebFlow = ("GitHub", "noreply@github.com");

    private static string OrgYaml(string danaLevel = "junior") => $"""
        levels: [intern, junior, mid, senior, staff, principal]
        teams:
          - id: payments
        people:
          - id: dana
            name: Dana Junior
            emails: [dana@acme.example]
            level: {danaLevel}
            teams: [payments]
          - id: erin
            name: Erin Senior
            emails: [erin@acme.example]
            level: senior
          - id: bob
            name: Bob Mid
            emails: [bob@acme.example]
            level: mid
        bots:
          - github: "dependabot[bot]"
        """;

    private const string PaymentsCatalog = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: payments
          annotations:
            countersign.io/tier: "1"
        spec:
          type: service
          lifecycle: production
          owner: group:team-payments
        """;

    /// <summary>main holds the organisation, CODEOWNERS, a tier-1 payments service and docs; feature branches off it.</summary>
    private static TempGitRepo Shop(bool withOrg = true)
    {
        var repo = TempGitRepo.Create();
        var files = new Dictionary<string, string>
        {
            [".github/CODEOWNERS"] = "* @acme/platform\n/services/payments/ @acme/payments\n",
            ["services/payments/catalog-info.yaml"] = PaymentsCatalog,
            ["services/payments/charge.go"] = "package payments\n",
            ["docs/guide.md"] = "# Guide\n",
        };
        if (withOrg)
        {
            files[".countersign/org.yaml"] = OrgYaml();
        }

        repo.Commit("Set up the shop", files, author: Erin);
        repo.Git("checkout -q -b feature");
        return repo;
    }

    private static ChangeBuild Build(TempGitRepo repo, ChangeRequest? request = null) =>
        new ChangeBuilder(GitRepository.Open(repo.Path)).Build(request ?? new ChangeRequest("main", "feature", "pr/1"));

    private static IReadOnlyList<(ParticipantRole Role, string Who)> Roles(ChangeFacts change) =>
        change.Participants.Select(p => (p.Role, p.Match.Person?.Id ?? p.Display)).ToList();

    [Fact]
    public void AHumanWithAClaudeCoAuthorTrailerIsTheAuthorAndClaudeAnAgent()
    {
        using var repo = Shop();
        repo.Commit("Add refund endpoint\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            new Dictionary<string, string> { ["services/payments/refund.go"] = "package payments\nfunc Refund() {}\n" }, author: Dana);

        var change = Build(repo).Change;

        Assert.Equal([(ParticipantRole.Author, "dana"), (ParticipantRole.Agent, "Claude <noreply@anthropic.com>")], Roles(change));
        Assert.Equal(ProvenanceStatus.Ai, change.Status);
        Assert.Equal(["claude-code"], change.Tools);
        Assert.Equal("junior", Assert.Single(change.PeopleIn(ParticipantRole.Author)).Level);
    }

    [Fact]
    public void TheHumanWhoCommitsAnAgentAuthoredCommitIsItsPrompterAndAccountable()
    {
        using var repo = Shop();
        repo.Commit("Implement retries", new Dictionary<string, string> { ["services/payments/retry.go"] = "package payments\n" },
            author: ("Copilot", "198982749+Copilot@users.noreply.github.com"), committer: Dana);

        var change = Build(repo).Change;

        Assert.Equal(
            [(ParticipantRole.Author, "dana"), (ParticipantRole.Prompter, "dana"), (ParticipantRole.Agent, "Copilot <198982749+Copilot@users.noreply.github.com>")],
            Roles(change));
        Assert.Equal("dana", Assert.Single(change.PeopleIn(ParticipantRole.Prompter)).Id);
    }

    [Fact]
    public void ACodingAgentsHumanCoAuthorIsItsPrompterAndGitHubsWebFlowCommitterIsNobody()
    {
        using var repo = Shop();
        repo.Commit("Add idempotency keys\n\nCo-authored-by: dana <dana@acme.example>\n",
            new Dictionary<string, string> { ["services/payments/idempotency.go"] = "package payments\n" },
            author: ("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com"), committer: GitHubWebFlow);
        repo.Commit("Review fixes", new Dictionary<string, string> { ["services/payments/idempotency.go"] = "package payments\n// ok\n" }, author: Bob);

        var change = Build(repo).Change;

        Assert.Equal(
            [(ParticipantRole.Author, "bob"), (ParticipantRole.Prompter, "dana"), (ParticipantRole.Agent, "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>")],
            Roles(change));
    }

    [Fact]
    public void ABotAuthorIsAnAgentAndLeavesTheChangeWithoutAHumanAuthor()
    {
        using var repo = Shop();
        repo.Commit("Bump golang.org/x/net from 0.1.0 to 0.2.0", new Dictionary<string, string> { ["go.mod"] = "module shop\n" },
            author: ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"), committer: GitHubWebFlow);

        var change = Build(repo).Change;

        var agent = Assert.Single(change.Participants);
        Assert.Equal(ParticipantRole.Agent, agent.Role);
        Assert.True(agent.Match.IsBot);
        Assert.Empty(change.PeopleIn(ParticipantRole.Author));
        Assert.Equal(ProvenanceStatus.Unknown, change.Status);
    }

    [Fact]
    public void OtherHumanAuthorsAreCoAuthorsAndCommittersCountOnlyWhenTheyWroteNothing()
    {
        using var repo = Shop();
        repo.Commit("Charge in cents", new Dictionary<string, string> { ["services/payments/charge.go"] = "package payments\n// cents\n" }, author: Dana, committer: Erin);
        repo.Commit("Docs\n\nCo-authored-by: Dana Junior <dana@acme.example>\n", new Dictionary<string, string> { ["docs/guide.md"] = "# Guide\ncents\n" }, author: Bob);

        var change = Build(repo).Change;
        repo.Commit("Tidy", new Dictionary<string, string> { ["docs/guide.md"] = "# Guide\n\ncents\n" }, author: Erin);
        var withErinWriting = Build(repo).Change;

        Assert.Equal([(ParticipantRole.Author, "dana"), (ParticipantRole.CoAuthor, "bob"), (ParticipantRole.Committer, "erin")], Roles(change));
        Assert.Equal([(ParticipantRole.Author, "dana"), (ParticipantRole.CoAuthor, "bob"), (ParticipantRole.CoAuthor, "erin")], Roles(withErinWriting));
    }

    [Fact]
    public void AChangeCannotPromoteItsAuthorOrReassignOwnershipBecauseConfigurationComesFromTheBase()
    {
        using var repo = Shop();
        repo.Commit("Promote myself", new Dictionary<string, string>
        {
            [".countersign/org.yaml"] = OrgYaml(danaLevel: "principal"),
            [".github/CODEOWNERS"] = "* @dana\n",
            ["services/payments/charge.go"] = "package payments\n// mine now\n",
        }, author: Dana);

        var build = Build(repo);
        var fromHead = Build(repo, new ChangeRequest("main", "feature", "pr/1") { TrustRevision = "feature" });

        Assert.Equal("junior", Assert.Single(build.Change.PeopleIn(ParticipantRole.Author)).Level);
        Assert.Equal("junior", build.Trusted.Directory.FindPerson("dana")!.Level);
        Assert.Equal(["@acme/payments"], build.Change.CodeownersByPath["services/payments/charge.go"]);
        Assert.Contains(build.Diagnostics, d => d.Source == ".countersign/org.yaml" && d.Message.Contains("counts once merged", StringComparison.Ordinal));
        Assert.Contains(build.Diagnostics, d => d.Source == ".github/CODEOWNERS");
        Assert.Equal("principal", Assert.Single(fromHead.Change.PeopleIn(ParticipantRole.Author)).Level);
    }

    [Fact]
    public void TheChangeIsTheHeadsOwnCommitsOldestFirstAndTheDiffFromTheMergeBase()
    {
        using var repo = Shop();
        var first = repo.Commit("Feature one", new Dictionary<string, string> { ["services/payments/a.go"] = "package payments\n" }, author: Dana);
        var second = repo.Commit("Feature two", new Dictionary<string, string> { ["services/payments/b.go"] = "package payments\nvar b = 1\n" }, author: Dana);
        repo.Git("checkout -q main");
        repo.Commit("Main moves on", new Dictionary<string, string> { ["docs/other.md"] = "other\n" }, author: Erin);
        repo.Git("checkout -q feature");
        repo.Git("merge -q --no-ff main -m \"Merge main\"");
        var merge = repo.Git("rev-parse HEAD").Trim();
        var third = repo.Commit("Feature three", new Dictionary<string, string> { ["services/payments/a.go"] = "package payments\nvar a = 1\n" }, author: Dana);

        var change = Build(repo).Change;

        Assert.Equal([first, second, merge, third], change.Commits.Select(c => c.Sha));
        Assert.True(change.Commits[2].IsMerge);
        Assert.Equal(repo.Git("rev-parse main").Trim(), change.BaseSha);
        Assert.Equal(third, change.HeadSha);
        Assert.Equal(["services/payments/a.go", "services/payments/b.go"], change.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal(4, change.LinesAdded);
        Assert.Equal(["services/payments/a.go", "services/payments/b.go"], change.FilePatchIds.Keys.Order(StringComparer.Ordinal));
        var diff = repo.Git($"diff --no-color --no-ext-diff --no-renames --full-index --binary {change.BaseSha} {third}");
        Assert.Equal(repo.Git("patch-id --stable", stdin: diff).Split(' ')[0], change.PatchId);
        Assert.Equal("Feature one", change.Title);
        Assert.Equal([(ParticipantRole.Author, "dana"), (ParticipantRole.Committer, "Test Runner <runner@example.com>")], Roles(change)); // who merged main in
    }

    [Fact]
    public void ACatalogAtTheBaseGivesTheBlastRadiusOwnersAndARiskScore()
    {
        using var repo = Shop();
        repo.Commit("Fix rounding in charge", new Dictionary<string, string> { ["services/payments/charge.go"] = "package payments\nfunc Round() {}\n" }, author: Dana);

        var change = Build(repo, new ChangeRequest("main", "feature", "pr/9") { Title = "Fix rounding\nin charge", Labels = ["payments", "payments"] }).Change;

        Assert.Equal(BlastClass.Critical, change.BlastRadius.Class);
        Assert.Equal("component:default/payments", Assert.Single(change.BlastRadius.Touched).Ref);
        Assert.Equal(["@acme/payments"], change.CodeownersByPath["services/payments/charge.go"]);
        Assert.Equal("interim-v1", change.Risk.Model);
        Assert.Equal(change.Risk.Score, Math.Round(change.Risk.Factors.Sum(f => f.Points), 1));
        Assert.Equal("yes", change.Risk.Factors.Single(f => f.Name == "fix").Value);
        Assert.Equal("critical (score 8)", change.Risk.Factors.Single(f => f.Name == "blast radius").Value);
        Assert.Equal("Fix rounding in charge", change.Title);
        Assert.Equal(["payments"], change.Labels);
    }

    [Fact]
    public void TheAuthorsEarlierCommitsOnTheBaseAreTheirExperience()
    {
        using var repo = Shop();
        repo.Git("checkout -q main");
        for (var i = 0; i < 3; i++)
        {
            repo.Commit($"Earlier work {i}", new Dictionary<string, string> { [$"docs/n{i}.md"] = "n\n" }, author: ("Dana at home", "DANA@acme.example"));
        }

        repo.Git("checkout -q -B feature");
        repo.Commit("Now", new Dictionary<string, string> { ["docs/now.md"] = "now\n" }, author: Dana);

        var change = Build(repo).Change;

        Assert.Equal("3", change.Risk.Factors.Single(f => f.Name == "author experience").Value);
    }

    [Fact]
    public void AGitAiNoteOnACommitOfTheChangeGivesItsAiLineShare()
    {
        using var repo = Shop();
        var sha = repo.Commit("Add parser", new Dictionary<string, string> { ["docs/parser.md"] = string.Concat(Enumerable.Range(1, 10).Select(i => $"line {i}\n")) }, author: Dana);
        var note = $$$$"""
            docs/parser.md
              s_0123456789abcd::t_0123456789abcd 1-6
              h_abcdef01234567 7-10
            ---
            {"schema_version":"authorship/3.0.0","base_commit_sha":"{{{{sha}}}}","prompts":{},"sessions":{"s_0123456789abcd":{"agent_id":{"tool":"cursor","id":"x","model":"claude-4-sonnet"},"human_author":"Dana <dana@acme.example>"}},"humans":{"h_abcdef01234567":{"author":"Dana <dana@acme.example>"}}}
            """;
        repo.Git($"notes --ref=ai add -F - {sha}", stdin: note);

        var change = Build(repo).Change;

        Assert.Equal(0.6, change.AiLineShare!.Value, 3);
        Assert.Equal(["cursor"], change.Tools);
        Assert.Equal("60%", change.Risk.Factors.Single(f => f.Name == "AI share").Value);
    }

    [Fact]
    public void WithoutAnOrganisationDirectoryNobodyResolvesAndAWarningSaysWhy()
    {
        using var repo = Shop(withOrg: false);
        repo.Commit("Change", new Dictionary<string, string> { ["docs/guide.md"] = "# Guide\nmore\n" }, author: Dana);

        var build = Build(repo);

        Assert.Same(Core.Organisation.OrgDirectory.Empty, build.Trusted.Directory);
        Assert.Contains(build.Diagnostics, d => d.Source == ".countersign/org.yaml" && d.Severity == Core.Diagnostics.DiagnosticSeverity.Warning);
        var author = Assert.Single(build.Change.Participants);
        Assert.Equal(ParticipantRole.Author, author.Role);
        Assert.False(author.Match.IsResolved);
        Assert.Equal("Dana Junior <dana@acme.example>", author.Display);
    }

    [Fact]
    public void AnEmptyChangeHasNoCommitsNoFilesAndAnEmptyPatchId()
    {
        using var repo = Shop();

        var change = Build(repo).Change;

        Assert.Empty(change.Commits);
        Assert.Empty(change.Files);
        Assert.Equal("", change.PatchId);
        Assert.Empty(change.Participants);
        Assert.Null(change.Title);
    }

    [Fact]
    public void AnUnknownBaseIsBadInput()
    {
        using var repo = Shop();

        var error = Assert.Throws<GitCommandException>(() => Build(repo, new ChangeRequest("no-such-branch", "feature", "pr/1")));

        Assert.True(error.IsBadInput);
    }
}
