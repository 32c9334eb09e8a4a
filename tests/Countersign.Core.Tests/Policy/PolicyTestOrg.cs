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
/// A small organisation and helpers for policy tests: payments (dana junior, erin senior, bob mid), checkout (sam
/// senior), una (senior, payments and checkout), platform (pat staff), commerce as payments' and checkout's parent.
/// Compiled policy records are built directly, so evaluation tests do not depend on the YAML compiler.
/// Changes come from <see cref="ChangeFactsBuilder"/>.
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

    public static SignOff Reject(string person, ChangeFacts change, int minutes = 0, string? patchId = null) =>
        new($"{person}-{minutes}-r", change.Key, person, SignOffKind.Reject, patchId ?? change.PatchId, change.FilePatchIds, change.HeadSha, Now.AddMinutes(minutes - 60), "not like this");

    /// <summary>Sign-offs in order, a minute apart, for the change's current content: "erin" approves, "-erin" rejects.</summary>
    public static IEnumerable<Func<ChangeFacts, SignOff>> Said(params string[] words) =>
        words.Select((w, i) => w.StartsWith('-')
            ? (Func<ChangeFacts, SignOff>)(c => Reject(w[1..], c, minutes: i + 1))
            : c => Approve(w, c, minutes: i + 1));

    public static SignOff Glass(string person, ChangeFacts change, string reason, int minutes = 0, string? patchId = null) =>
        new($"{person}-{minutes}-g", change.Key, person, SignOffKind.BreakGlass, patchId ?? change.PatchId, change.FilePatchIds, change.HeadSha, Now.AddMinutes(minutes - 60), reason);

    /// <summary>Evaluates a one-rule policy (the rule always applies unless <paramref name="condition"/> is given) and returns the rule's result.</summary>
    public static RuleResult EvaluateRule(ApprovalRequirement requires, ChangeFactsBuilder change, IEnumerable<Func<ChangeFacts, SignOff>> signOffs, Countersign.Core.Policy.Conditions.ICondition? condition = null, OrgDirectory? org = null)
    {
        var facts = change.Build();
        return Evaluate(Policy(Rule("r", requires, condition)), facts, signOffs.Select(s => s(facts)).ToList(), org: org).Rules[0];
    }

    /// <summary>Evaluates one condition on a change (the default one when <paramref name="change"/> is null).</summary>
    public static Countersign.Core.Policy.Conditions.ConditionResult Check(Countersign.Core.Policy.Conditions.ICondition condition, ChangeFactsBuilder? change = null, DateTimeOffset? now = null) =>
        condition.Evaluate(Context((change ?? new ChangeFactsBuilder()).Build(), now));

    public static EvaluationContext Context(ChangeFacts change, DateTimeOffset? now = null, string? environment = null, OrgDirectory? org = null) =>
        new(change, org ?? Org, new IdentityResolver(org ?? Org), now ?? Now) { Environment = environment };

    public static PolicyResult Evaluate(CompiledPolicy policy, ChangeFacts change, IReadOnlyList<SignOff>? signOffs = null, DateTimeOffset? now = null, string? environment = null, OrgDirectory? org = null) =>
        PolicyEvaluator.Evaluate(policy, Context(change, now, environment, org), signOffs ?? []);

    /// <summary>The org plus people the main directory lacks: lee (no level, payments) and claude (an agent listed as a person).</summary>
    public static OrgDirectory WithExtras { get; } = new(
        Org.Levels,
        Org.Teams,
        [.. Org.People, new Person("lee", "Lee", ["lee@acme.test"], Teams: ["payments"]), new Person("claude", "Claude", ["claude@agents.test"], Level: "senior", Teams: ["payments"])],
        Org.Bots);
}
