using Countersign.Contracts;
using Countersign.Core.BlastRadius;
using Countersign.Core.Changes;
using Countersign.Core.History;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Provenance;
using Countersign.Core.SignOffs;
using Countersign.Server.Evaluation;
using Countersign.Server.Forges;

namespace Countersign.Server.Tests.Forges;

/// <summary>
/// Verdicts as the engine writes them, built by hand for the renderers' tests: a directory of four people (a junior
/// author, a mid-level engineer, two senior owners of payments) and result trees for each verdict.
/// </summary>
internal static class VerdictSamples
{
    public const string Head = "1111111111222222222233333333334444444444";

    public static readonly DateTimeOffset At = new(2026, 12, 3, 19, 0, 0, TimeSpan.Zero);

    public static OrgDirectory Org(string seniorName = "Ana Senior", string seniorHandle = "ana") => new(
        OrgDirectory.DefaultLevels,
        [new Team("payments", "Payments", null)],
        [
            new Person("dana", "Dana Junior", ["dana@acme.test"], GitHub: "dana", GitLab: "dana", Level: "junior", Teams: ["payments"]),
            new Person("mid", "Mo Mid", ["mo@acme.test"], GitHub: "mid", GitLab: "mo.mid", Level: "mid", Teams: ["payments"]),
            new Person("ana", seniorName, ["ana@acme.test"], GitHub: seniorHandle, GitLab: "ana", Level: "senior", Teams: ["payments"]),
            new Person("ben", "Ben Boss", ["ben@acme.test"], GitHub: "ben", GitLab: "ben", Level: "staff", Teams: ["payments"]),
        ],
        []);

    public static SignOff Approval(string person, string? comment = null) =>
        new($"s-{person}", "pr/7", person, SignOffKind.Approve, "patch1", new Dictionary<string, string>(), Head, At, comment);

    public static SignOff Rejection(string person, string? comment = null) =>
        new($"r-{person}", "pr/7", person, SignOffKind.Reject, "patch1", new Dictionary<string, string>(), Head, At, comment);

    /// <summary>A senior owner of payments must sign off; the rule's state as given.</summary>
    public static RuleResult SeniorRule(
        RuleStatus status, IReadOnlyList<CountedSignOff>? counted = null, IReadOnlyList<SignOffNote>? notCounted = null,
        IReadOnlyList<SignOffNote>? dismissed = null, IReadOnlyList<CountedSignOff>? rejections = null, IReadOnlyList<Candidate>? candidates = null,
        string name = "payments-senior")
    {
        const string set = "someone senior who owns payments";
        var missing = status switch
        {
            RuleStatus.Approved => "",
            RuleStatus.Disapproved => $"rejected by {string.Join(", ", (rejections ?? []).Select(r => r.PersonName))}; it stays blocked until they approve",
            _ => $"needs 1 more approval from {set}",
        };
        candidates ??= status == RuleStatus.Pending
            ? [new Candidate("ana", "Ana Senior", "senior", ["payments"], "senior, owns payments"), new Candidate("ben", "Ben Boss", "staff", ["payments"], "staff, owns payments")]
            : [];
        var requirement = new RequirementResult(1, false, set, counted ?? [], dismissed ?? [], notCounted ?? [], rejections ?? [], candidates, missing);
        return new RuleResult(name, "AI-assisted changes to payments need a senior owner", RuleMode.Enforce, status,
            status == RuleStatus.Approved ? "approved" : missing, ConditionResult.Leaf("ai", true, "the change is AI-assisted"), requirement, new SourceSpan("policy.yml", 3, 5));
    }

    public static PolicyResult Result(OverallStatus status, IReadOnlyList<RuleResult> rules, IReadOnlyList<FreezeResult>? freezes = null) =>
        new(status, "summary", rules, freezes ?? [], null, "pr/7", "patch1", At);

    public static VerdictPublication Publication(PolicyResult result, OrgDirectory? org = null, IReadOnlyList<ReviewNote>? reviews = null, ChangeFacts? facts = null, Uri? changeUrl = null)
    {
        org ??= Org();
        facts ??= Facts();
        var view = new ChangeView(42, "acme/shop", "pr/7", facts.Title, 1, Head, "patch1", result.Status.ToString().ToLowerInvariant(), result.Passed, result.Summary,
            "dana", "junior", "ai", ["claude-code"], 1.0, "service", 35, At, At, [], null);
        var detail = new ChangeDetail(view, facts, result, org, [], null, null);
        return new VerdictPublication(new ForgeRepository("acme/shop", "https://github.com/acme/shop.git", 99, 12345, "main"), 7, Head, detail,
            changeUrl ?? new Uri("https://countersign.example.com/ui/changes/42"), reviews ?? [], ["ana", "ben"]);
    }

    public static ChangeFacts Facts(string title = "Refunds: retry on timeout", string path = "payments/refunds.cs") => new()
    {
        Key = "pr/7",
        BaseSha = "0000000000111111111122222222223333333333",
        HeadSha = Head,
        PatchId = "patch1patch1patch1",
        Title = title,
        Commits =
        [
            new ChangeCommit(Head, new GitIdentity("Dana Junior", "dana@acme.test", At), new GitIdentity("Dana Junior", "dana@acme.test", At), title,
                new CommitProvenance(ProvenanceStatus.Ai, ["claude-code"], []), 12, 3),
        ],
        Files = [],
        BlastRadius = new BlastRadiusResult([], [], [], [path], ["payments"], [1], 3, BlastClass.Service, []),
        Risk = new RiskAssessment(35, "interim", [new RiskFactor("ai-share", "100%", 20, "all added lines by an AI tool"), new RiskFactor("tier", "1", 15, "tier 1")]),
    };
}
