using Countersign.Contracts;
using Countersign.Core.BlastRadius;
using Countersign.Core.Changes;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Server.Evaluation;
using Countersign.Server.Forges;

namespace Countersign.Server.Tests.Forges.GitLab;

/// <summary>Verdicts to publish, as the processor hands them over: a decided change on a GitLab project.</summary>
internal static class Verdicts
{
    public const long Project = 4861503;

    public const string Sha = "c4c79227ed610f1151f05bbc5be33b4f340d39c8";

    public static VerdictPublication On(OverallStatus status, string summary, int? iid = 7, Uri? page = null, IReadOnlyList<ReviewNote>? reviews = null)
    {
        var at = new DateTimeOffset(2026, 12, 3, 20, 0, 0, TimeSpan.Zero);
        // A pending verdict waits for the senior owners of payments, as the shop's rule does.
        var candidates = new[] { new Candidate("erin", "Erin Senior", "senior", ["payments"], "senior owner"), new Candidate("sam", "Sam Senior", "senior", ["checkout"], "senior owner") };
        var requirement = new RequirementResult(1, false, "someone senior who owns payments", [], [], [], [], candidates, "needs 1 sign-off from someone senior who owns payments");
        IReadOnlyList<RuleResult> rules = status == OverallStatus.Pending
            ? [new RuleResult("ai-below-senior", null, RuleMode.Enforce, RuleStatus.Pending, requirement.Missing, null, requirement, SourceSpan.None)]
            : [];
        var result = new PolicyResult(status, summary, rules, [], null, "merge_requests/7", "patch", at);
        var facts = new ChangeFacts
        {
            Key = "merge_requests/7",
            BaseSha = new string('b', 40),
            HeadSha = Sha,
            PatchId = "patch",
            BlastRadius = new BlastRadiusResult([], [], [], [], [], [], 0, BlastClass.Contained, []),
            Risk = RiskAssessment.None,
        };
        var view = new ChangeView(1, "gitlab-org/hello-world", "merge_requests/7", "update readme", 1, Sha, "patch", status.ToString().ToLowerInvariant(), status == OverallStatus.Satisfied,
            summary, null, null, "human", [], null, "contained", 0, at, at, [], null);
        var detail = new ChangeDetail(view, facts, result, OrgDirectory.Empty, [new RevisionView(1, Sha, facts.BaseSha, "patch", at)], null, null);
        var repository = new ForgeRepository("gitlab-org/hello-world", "https://gitlab.com/gitlab-org/hello-world.git", Project, null, "master");
        return new VerdictPublication(repository, iid, Sha, detail, page, reviews ?? [], []);
    }
}
