using Countersign.Core.BlastRadius;
using Countersign.Core.Changes;
using Countersign.Core.History;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Policy.Requirements;
using Countersign.Core.Provenance;
using Countersign.Core.SignOffs;

namespace Countersign.Core.Tests.Policy;

/// <summary>
/// A small organisation and a builder of changes for policy tests: payments (dana junior, erin senior, bob mid),
/// checkout (sam senior), platform (pat staff), commerce as payments' and checkout's parent.
/// </summary>
internal static class PolicyTestOrg
{
    public static readonly SourceSpan At = new("policy.yaml", 1, 1);

    public static OrgDirectory Org { get; } = new(
        OrgDirectory.DefaultLevels,
        [new Team("commerce", "Commerce"), new Team("payments", "Payments", "commerce"), new Team("checkout", "Checkout", "commerce"), new Team("platform", "Platform")],
        [
            new Person("dana", "Dana", ["dana@acme.test"], GitHub: "dana", Level: "junior", Teams: ["payments"]),
            new Person("erin", "Erin", ["erin@acme.test"], GitHub: "erin", Level: "senior", Teams: ["payments"]),
            new Person("bob", "Bob", ["bob@acme.test"], Level: "mid", Teams: ["payments"]),
            new Person("sam", "Sam", ["sam@acme.test"], GitHub: "sam", Level: "senior", Teams: ["checkout"]),
            new Person("pat", "Pat", ["pat@acme.test"], Level: "staff", Teams: ["platform"]),
            new Person("una", "Una", ["una@acme.test"], Level: "senior", Teams: ["payments", "checkout"]),
        ],
        [new BotIdentity(GitHub: "dependabot[bot]")]);

    public static DateTimeOffset Now { get; } = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    public static PolicyRule Rule(string name, ApprovalRequirement requires, Countersign.Core.Policy.Conditions.ICondition? condition = null, RuleMode mode = RuleMode.Enforce) =>
        new(name, null, mode, condition, requires, At);

    public static ApprovalRequirement Requires(int count = 1, ApproverSet? from = null, bool distinctTeams = false, StalenessMode invalidateOn = StalenessMode.AnyChange, bool disapproval = true, bool allowCommitters = false) =>
        new(count, from ?? Filter(), distinctTeams, invalidateOn, disapproval, allowCommitters, At);

    public static ApproverFilter Filter(LevelRange? level = null, IReadOnlyList<OwnerSource>? owners = null, IReadOnlyList<string>? teams = null, IReadOnlyList<string>? people = null) =>
        new(level, owners, teams, people, At);

    public static CompiledPolicy Policy(params PolicyRule[] rules) => new("policy.yaml", rules, [], null, [new PolicyGlob("main")]);

    public static SignOff Approve(string person, ChangeFacts change, int minutes = 0, string? patchId = null, IReadOnlyDictionary<string, string>? files = null) =>
        new($"{person}-{minutes}-a", change.Key, person, SignOffKind.Approve, patchId ?? change.PatchId, files ?? change.FilePatchIds, change.HeadSha, Now.AddMinutes(minutes - 60));

    public static SignOff Reject(string person, ChangeFacts change, int minutes = 0) =>
        new($"{person}-{minutes}-r", change.Key, person, SignOffKind.Reject, change.PatchId, change.FilePatchIds, change.HeadSha, Now.AddMinutes(minutes - 60), "not like this");

    public static PolicyResult Evaluate(CompiledPolicy policy, ChangeFacts change, IReadOnlyList<SignOff>? signOffs = null, DateTimeOffset? now = null, string? environment = null) =>
        PolicyEvaluator.Evaluate(policy, new EvaluationContext(change, Org, new IdentityResolver(Org), now ?? Now) { Environment = environment }, signOffs ?? []);
}

/// <summary>Builds <see cref="ChangeFacts"/> for tests; defaults: dana's AI-assisted change to services/payments, tier-1 payments touched.</summary>
internal sealed class ChangeFactsBuilder
{
    private readonly List<Participant> participants = [];
    private readonly List<FileChange> files = [new("services/payments/charge.go", 30, 2)];
    private readonly List<TouchedComponent> touched = [new("component:default/payments", "payments", 1, "group:default/payments", ["services/payments/charge.go"], 30, 2, 8)];
    private readonly List<ReachedComponent> reached = [];
    private readonly Dictionary<string, IReadOnlyList<string>> codeowners = new(StringComparer.Ordinal) { ["services/payments/charge.go"] = ["@acme/payments"] };
    private readonly Dictionary<string, string> filePatchIds = new(StringComparer.Ordinal) { ["services/payments/charge.go"] = "f1" };
    private ProvenanceStatus status = ProvenanceStatus.Ai;
    private IReadOnlyList<string> tools = ["claude-code"];
    private LineAttribution? lines;
    private BlastClass blastClass = BlastClass.Critical;
    private double blastScore = 8;
    private double risk = 30;
    private string patchId = "p1";
    private string? target = "main";
    private string? source = "feature/x";
    private IReadOnlyList<string> labels = [];

    public ChangeFactsBuilder()
    {
        participants.Add(Person(ParticipantRole.Author, "dana"));
    }

    public ChangeFactsBuilder With(ParticipantRole role, string personId)
    {
        participants.Add(Person(role, personId));
        return this;
    }

    public ChangeFactsBuilder AuthoredBy(string? personId)
    {
        participants.RemoveAll(p => p.Role == ParticipantRole.Author);
        participants.Add(personId is null
            ? new Participant(ParticipantRole.Author, "Ghost <ghost@elsewhere.test>", IdentityMatch.Unresolved("ghost@elsewhere.test", "nobody"))
            : Person(ParticipantRole.Author, personId));
        return this;
    }

    public ChangeFactsBuilder WithBot(string display)
    {
        participants.Add(new Participant(ParticipantRole.Agent, display, new IdentityMatch(IdentityMatchKind.Handle, null, true, false, display, "bot")));
        return this;
    }

    public ChangeFactsBuilder Provenance(ProvenanceStatus value, params string[] toolIds)
    {
        status = value;
        tools = toolIds;
        return this;
    }

    public ChangeFactsBuilder AiShare(double share)
    {
        lines = new LineAttribution([new FileLineAttribution("services/payments/charge.go", (int)(share * 100), 100 - (int)(share * 100), 0, ["claude-code"])], ["test"]);
        return this;
    }

    public ChangeFactsBuilder File(string path, int added = 10, int deleted = 0, string? patch = null)
    {
        files.Add(new FileChange(path, added, deleted));
        filePatchIds[path] = patch ?? "id-" + path;
        return this;
    }

    public ChangeFactsBuilder OnlyFile(string path, int added = 10)
    {
        files.Clear();
        filePatchIds.Clear();
        codeowners.Clear();
        touched.Clear();
        return File(path, added);
    }

    public ChangeFactsBuilder Touching(string name, int? tier, string owner)
    {
        touched.Add(new TouchedComponent($"component:default/{name}", name, tier, owner, [], 1, 0, 1));
        return this;
    }

    public ChangeFactsBuilder Reaching(string name, int? tier, string owner)
    {
        reached.Add(new ReachedComponent($"component:default/{name}", name, tier, owner, 1, [name, "payments"], ["dependsOn"], 1));
        return this;
    }

    public ChangeFactsBuilder NoComponents()
    {
        touched.Clear();
        codeowners.Clear();
        return this;
    }

    public ChangeFactsBuilder Blast(BlastClass value, double score)
    {
        blastClass = value;
        blastScore = score;
        return this;
    }

    public ChangeFactsBuilder Risk(double score)
    {
        risk = score;
        return this;
    }

    public ChangeFactsBuilder Patch(string id, string? filePath = null, string? fileId = null)
    {
        patchId = id;
        if (filePath is not null)
        {
            filePatchIds[filePath] = fileId!;
        }

        return this;
    }

    public ChangeFactsBuilder Branches(string? targetBranch, string? sourceBranch = null)
    {
        target = targetBranch;
        source = sourceBranch;
        return this;
    }

    public ChangeFactsBuilder Labels(params string[] values)
    {
        labels = values;
        return this;
    }

    public ChangeFacts Build()
    {
        var identity = new GitIdentity("Dana", "dana@acme.test", PolicyTestOrg.Now);
        var provenance = new CommitProvenance(status, tools, [], lines);
        var added = files.Sum(f => f.Added ?? 0);
        return new ChangeFacts
        {
            Key = "pr/1",
            BaseSha = new string('a', 40),
            HeadSha = new string('b', 40),
            PatchId = patchId,
            FilePatchIds = new Dictionary<string, string>(filePatchIds),
            TargetBranch = target,
            SourceBranch = source,
            Labels = labels,
            Commits = [new ChangeCommit(new string('c', 40), identity, identity, "Change", provenance, added, files.Sum(f => f.Deleted ?? 0))],
            Files = [.. files],
            Participants = [.. participants],
            BlastRadius = new BlastRadiusResult([.. touched], [.. reached], [], [], [], [], blastScore, blastClass, ["test"]),
            Risk = new RiskAssessment(risk, "test", [new RiskFactor("lines added", "30", risk, "test")]),
            CodeownersByPath = new Dictionary<string, IReadOnlyList<string>>(codeowners),
        };
    }

    private static Participant Person(ParticipantRole role, string id)
    {
        var person = PolicyTestOrg.Org.FindPerson(id)!;
        return new Participant(role, $"{person.Name} <{person.Emails[0]}>", new IdentityMatch(IdentityMatchKind.Email, person, false, false, person.Emails[0], "e-mail"));
    }
}
