using BenchmarkDotNet.Attributes;
using Countersign.Core.BlastRadius;
using Countersign.Core.Changes;
using Countersign.Core.History;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Compilation;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Provenance;
using Countersign.Core.SignOffs;

namespace CatalogBench;

/// <summary>
/// The cost of a decision: the default policy compiled once and evaluated per change (the CI gate, the hook, the
/// deploy gate), against parsing and compiling it every time. The change is a busy one: 60 files, 8 touched and 40
/// reached components, CODEOWNERS for every path, an org of 400 people in 40 teams, three sign-offs.
/// </summary>
[MemoryDiagnoser]
public class PolicyEvaluationBenchmark
{
    private OrgDirectory org = OrgDirectory.Empty;
    private IdentityResolver resolver = null!;
    private CompiledPolicy policy = null!;
    private ChangeFacts change = null!;
    private IReadOnlyList<SignOff> signOffs = [];
    private readonly DateTimeOffset now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        var levels = OrgDirectory.DefaultLevels;
        var teams = Enumerable.Range(0, 40).Select(t => new Team($"team-{t}", $"Team {t}")).ToList();
        var people = Enumerable.Range(0, 400).Select(p => new Person($"p{p}", $"Person {p}", [$"p{p}@acme.test"], GitHub: $"p{p}", Level: levels[1 + (p % 5)], Teams: [$"team-{p % 40}"])).ToList();
        org = new OrgDirectory(levels, teams, people, []);
        resolver = new IdentityResolver(org);
        policy = PolicyLoader.Load(DefaultPolicy.Text, "default", org, _ => null).Policy!;

        var files = Enumerable.Range(0, 60).Select(i => new FileChange($"services/svc-{i % 8}/src/file{i}.cs", 20, 5)).ToList();
        var author = people[0];
        var identity = new GitIdentity(author.Name, author.Emails[0], now);
        change = new ChangeFacts
        {
            Key = "pr/1",
            BaseSha = new string('a', 40),
            HeadSha = new string('b', 40),
            PatchId = "p1",
            FilePatchIds = files.ToDictionary(f => f.Path, f => "id-" + f.Path),
            TargetBranch = "main",
            Commits = [new ChangeCommit(new string('c', 40), identity, identity, "change", new CommitProvenance(ProvenanceStatus.Ai, ["claude-code"], []), 1200, 300)],
            Files = files,
            Participants = [new Participant(ParticipantRole.Author, author.ToString(), new IdentityMatch(IdentityMatchKind.Email, author, false, false, author.Emails[0], "e-mail"))],
            BlastRadius = new BlastRadiusResult(
                Enumerable.Range(0, 8).Select(i => new TouchedComponent($"component:default/svc-{i}", $"svc-{i}", 1 + (i % 3), $"group:default/team-{i}", [], 10, 2, 4)).ToList(),
                Enumerable.Range(8, 40).Select(i => new ReachedComponent($"component:default/svc-{i}", $"svc-{i}", 1 + (i % 3), $"group:default/team-{i % 40}", 1, [], [], 1)).ToList(),
                [], [], [], [1, 2, 3], 30, BlastClass.Critical, []),
            Risk = new RiskAssessment(40, "bench", []),
            CodeownersByPath = files.ToDictionary(f => f.Path, f => (IReadOnlyList<string>)[$"@acme/team-{f.Path[13] - '0'}"]),
        };
        signOffs = new[] { 5, 10, 17 }.Select(p => new SignOff($"s{p}", "pr/1", $"p{p * 40 % 400 + 3}", SignOffKind.Approve, "p1", change.FilePatchIds, change.HeadSha, now.AddMinutes(-p))).ToList();
    }

    [Benchmark(Baseline = true, Description = "parse + compile + evaluate")]
    public PolicyResult CompileEveryTime()
    {
        var compiled = PolicyLoader.Load(DefaultPolicy.Text, "default", org, _ => null).Policy!;
        return PolicyEvaluator.Evaluate(compiled, new EvaluationContext(change, org, resolver, now), signOffs);
    }

    [Benchmark(Description = "evaluate (compiled once)")]
    public PolicyResult EvaluateCompiled() => PolicyEvaluator.Evaluate(policy, new EvaluationContext(change, org, resolver, now), signOffs);
}
