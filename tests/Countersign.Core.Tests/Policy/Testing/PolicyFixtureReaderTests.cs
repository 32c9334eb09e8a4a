using Countersign.Core.BlastRadius;
using Countersign.Core.Changes;
using Countersign.Core.Policy.Testing;
using Countersign.Core.Provenance;
using Countersign.Core.SignOffs;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Testing;

public sealed class PolicyFixtureReaderTests
{
    private const string Full = """
        cases:
          - name: everything
            now: 2026-11-27T18:00:00+01:00
            environment: production
            change:
              author: dana
              co_authors: [bob]
              prompters: [erin]
              committers: [outsider@elsewhere.test]
              agents: [Claude Code]
              provenance: ai
              tools: [claude-code]
              ai_line_share: 0.25
              files:
                - {path: services/payments/refund.go, added: 40, deleted: 2}
                - docs/refunds.md
              touched: [{name: payments, tier: 1, owner: group:payments}]
              reached: [checkout]
              blast_radius: {class: multi-service, score: 12.5}
              risk: 35
              labels: [hotfix]
              target_branch: release/1
              source_branch: feature/refunds
              commits: 3
              codeowners: {services/payments/refund.go: ["@acme/payments", "@erin"]}
              patch_id: abc
            signoffs:
              - {by: sam}
              - {by: una, kind: reject, comment: no, minutes_ago: 5}
              - {by: pat, stale: true}
              - {by: erin, patch_id: old, files: {docs/refunds.md: d0, services/payments/new.go: n0, services/payments/refund.go: ~}}
              - {by: erin@acme.test, kind: break-glass, comment: outage}
            expect:
              status: pending
              rules: {a: approved, b: skipped}
              candidates: {a: [erin, sam]}
        """;

    private static PolicyTestCase ReadOne(string yaml)
    {
        var (cases, diagnostics) = PolicyFixtureReader.Read(yaml, "cases.yaml", Org, Now);
        Assert.Empty(diagnostics);
        return Assert.Single(cases);
    }

    [Fact]
    public void EveryKeyOfACaseBecomesAChangeSignOffsAndExpectations()
    {
        var test = ReadOne(Full);
        var change = test.Change;
        Assert.Equal(("everything", "cases.yaml:2", "production"), (test.Name, test.Source, test.Environment));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 17, 0, 0, TimeSpan.Zero), test.Now);
        Assert.Equal(
            ["author:dana", "co-author:bob", "prompter:erin", "committer:?", "agent:?"],
            change.Participants.Select(p => $"{p.Role switch { ParticipantRole.CoAuthor => "co-author", var r => r.ToString().ToLowerInvariant() }}:{p.Match.Person?.Id ?? "?"}"));
        Assert.True(change.Participants[4].Match.IsBot);
        Assert.Equal((ProvenanceStatus.Ai, 0.25), (change.Status, Math.Round(change.AiLineShare!.Value, 2)));
        Assert.Equal(["claude-code"], change.Tools);
        Assert.Equal((42, 40, 2), (change.LinesAdded + change.LinesDeleted, change.LinesAdded, change.LinesDeleted));
        Assert.Equal(["services/payments/refund.go", "docs/refunds.md"], change.Files.Select(f => f.Path));
        Assert.Equal(("component:default/payments", 1, "group:payments"), (change.BlastRadius.Touched[0].Ref, change.BlastRadius.Touched[0].Tier!.Value, change.BlastRadius.Touched[0].Owner!));
        Assert.Equal("checkout", Assert.Single(change.BlastRadius.Reached).Name);
        Assert.Equal((BlastClass.MultiService, 12.5, 35.0), (change.BlastRadius.Class, change.BlastRadius.Score, change.Risk.Score));
        Assert.Equal(["hotfix"], change.Labels);
        Assert.Equal(("release/1", "feature/refunds", 3), (change.TargetBranch, change.SourceBranch, change.Commits.Count));
        Assert.Equal(["@acme/payments", "@erin"], change.CodeownersByPath["services/payments/refund.go"]);
        Assert.Equal("abc", change.PatchId);
        Assert.Equal(("pending", "approved", "skipped"), (test.ExpectedStatus, test.ExpectedRules["a"], test.ExpectedRules["b"]));
        Assert.Equal(["erin", "sam"], test.ExpectedCandidates["a"]);
    }

    [Fact]
    public void SignOffsSayWhoWhatWhenAndForWhichContent()
    {
        var test = ReadOne(Full);
        var current = test.Change.FilePatchIds;
        var (sam, una, pat, erin, glass) = (test.SignOffs[0], test.SignOffs[1], test.SignOffs[2], test.SignOffs[3], test.SignOffs[4]);
        Assert.Equal((SignOffKind.Approve, "abc", test.Now.AddMinutes(-60)), (sam.Kind, sam.PatchId, sam.At));
        Assert.Equal(current, sam.FilePatchIds);
        Assert.Equal((SignOffKind.Reject, "no", test.Now.AddMinutes(-5)), (una.Kind, una.Comment, una.At));
        Assert.NotEqual("abc", pat.PatchId);
        Assert.All(current, kv => Assert.NotEqual(kv.Value, pat.FilePatchIds[kv.Key]));
        Assert.Equal("old", erin.PatchId);
        Assert.Equal(
            ["docs/refunds.md=d0", "services/payments/new.go=n0"],
            erin.FilePatchIds.Select(kv => $"{kv.Key}={kv.Value}").Order());
        Assert.Equal((SignOffKind.BreakGlass, "erin@acme.test", "outage"), (glass.Kind, glass.PersonId, glass.Comment));
    }

    [Fact]
    public void DefaultsDescribeAnUnknownProvenanceChangeIntoMain()
    {
        var test = ReadOne("cases:\n  - name: bare\n    change: {}\n    expect: {status: satisfied}\n");
        Assert.Equal((ProvenanceStatus.Unknown, "main", 1, 0), (test.Change.Status, test.Change.TargetBranch, test.Change.Commits.Count, test.Change.Participants.Count));
        Assert.Equal(Now, test.Now);
        Assert.Empty(test.SignOffs);
    }

    public static TheoryData<string, string, string> Problems() => new()
    {
        { "an unknown key, with a suggestion", "cases:\n  - name: x\n    chnage: {}\n    expect: {}\n", "cases.yaml:3:5: error: case 'x': cases[0].chnage: unknown key 'chnage' (did you mean 'change'?)" },
        { "an unknown key in the change", "cases:\n  - name: x\n    change: {autor: dana}\n    expect: {}\n", "cases.yaml:3:14: error: case 'x': change.autor: unknown key 'autor' (did you mean 'author'?)" },
        { "a person not in the directory", "cases:\n  - name: y\n    change: {author: dnaa}\n    expect: {}\n", "cases.yaml:3:22: error: case 'y': change.author: no person 'dnaa' in the org directory (use an e-mail for someone outside it) (did you mean 'dana'?)" },
        { "a value outside the allowed ones", "cases:\n  - name: x\n    change: {provenance: AI}\n    expect: {}\n", "cases.yaml:3:26: error: case 'x': change.provenance: 'AI' is not one of ai, ai-suggested, human-declared, unknown (did you mean 'ai'?)" },
        { "a number that is not one", "cases:\n  - name: x\n    change: {risk: high}\n    expect: {}\n", "cases.yaml:3:20: error: case 'x': change.risk: expected a number from 0 to 100, found 'high'" },
        { "a share out of range", "cases:\n  - name: x\n    change: {ai_line_share: 80}\n    expect: {}\n", "error: case 'x': change.ai_line_share: expected a number from 0 to 1, found '80'" },
        { "a bad time", "cases:\n  - name: x\n    now: tomorrow\n    change: {}\n    expect: {}\n", "cases.yaml:3:10: error: case 'x': now: expected a time like 2026-11-26T10:00:00Z, found 'tomorrow'" },
        { "an unknown sign-off kind", "cases:\n  - name: x\n    change: {}\n    signoffs: [{by: erin, kind: approved}]\n    expect: {}\n", "case 'x': signoffs[0].kind: 'approved' is not one of approve, reject, break-glass (did you mean 'approve'?)" },
        { "an unknown signer", "cases:\n  - name: x\n    change: {}\n    signoffs: [{by: erni}]\n    expect: {}\n", "case 'x': signoffs[0].by: no person 'erni' in the org directory (did you mean 'erin'?)" },
        { "stale and a patch id together", "cases:\n  - name: x\n    change: {}\n    signoffs: [{by: erin, stale: true, patch_id: p}]\n    expect: {}\n", "case 'x': signoffs[0]: use either 'stale: true' or 'patch_id'/'files', not both" },
        { "an unknown expected status", "cases:\n  - name: x\n    change: {}\n    expect: {status: passed}\n", "cases.yaml:4:22: error: case 'x': expect.status: 'passed' is not one of satisfied, pending, rejected, frozen" },
        { "an unknown expected rule status", "cases:\n  - name: x\n    change: {}\n    expect: {rules: {r: aproved}}\n", "case 'x': expect.rules.r: 'aproved' is not one of skipped, approved, pending, disapproved (did you mean 'approved'?)" },
        { "an unknown candidate", "cases:\n  - name: x\n    change: {}\n    expect: {candidates: {r: [nobody]}}\n", "case 'x': expect.candidates.r: no person 'nobody' in the org directory" },
        { "a case without expectations", "cases:\n  - name: x\n    change: {}\n", "cases.yaml:2:5: error: case 'x': expect: a case needs an 'expect:'" },
        { "no cases", "cases: []\n", "cases.yaml:1:1: error: no test cases: the file needs a 'cases:' list" },
        { "invalid YAML", "cases:\n  - name: [x\n", "cases.yaml:3:1: error: invalid YAML" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void ProblemsAreReportedWithFileLineColumnAndTheCase(string name, string yaml, string message)
    {
        var (cases, diagnostics) = PolicyFixtureReader.Read(yaml, "cases.yaml", Org, Now);
        Assert.Empty(cases);
        Assert.True(diagnostics.Any(d => d.ToString().Contains(message, StringComparison.Ordinal)), $"{name}: {string.Join(" | ", diagnostics)}");
    }

    [Fact]
    public void ACaseWithAnErrorIsLeftOutAndTheRestIsStillRead()
    {
        var (cases, diagnostics) = PolicyFixtureReader.Read("cases:\n  - name: bad\n    change: {author: ghost}\n    expect: {}\n  - name: good\n    change: {}\n    expect: {}\n", "cases.yaml", Org, Now);
        Assert.Equal("good", Assert.Single(cases).Name);
        Assert.Single(diagnostics);
    }
}
