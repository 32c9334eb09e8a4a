using System.Text.Json.Nodes;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Text;

namespace Countersign.Server.Forges.GitLab;

/// <summary>
/// A verdict on GitLab: the commit status <c>countersign</c> on the head (pending, success or failed; the verdict's
/// sentence as its description; the dashboard's change page as its link) and, for a merge request, the answer to its
/// external status check (passed or failed) where the instance has one.
/// </summary>
internal sealed class GitLabVerdictPublisher : IVerdictPublisher
{
    public const string CommitStatus = "commit-status";

    public const string ExternalStatusCheck = "external-status-check";

    /// <summary>GitLab's limit on a commit status's description (characters).</summary>
    public const int DescriptionLimit = 255;

    public ForgeKind Forge => ForgeKind.GitLab;

    public IReadOnlyList<OutboxMessage> Messages(VerdictPublication publication)
    {
        var project = publication.Repository.ForgeId;
        var sha = publication.HeadSha;
        var status = new JsonObject
        {
            ["project_id"] = project,
            ["sha"] = sha,
            ["state"] = State(publication.Detail.Result.Status),
            ["name"] = GitLabOptions.StatusName,
            ["description"] = Description(publication),
        };
        if (publication.ChangeUrl is { } url)
        {
            status["target_url"] = url.AbsoluteUri;
        }

        var messages = new List<OutboxMessage> { new(ForgeKind.GitLab, CommitStatus, $"{CommitStatus}:{project}:{sha}", status) };
        if (publication.Number is { } iid)
        {
            var check = new JsonObject
            {
                ["project_id"] = project,
                ["merge_request_iid"] = iid,
                ["sha"] = sha,
                ["status"] = publication.Detail.Result.Status == OverallStatus.Satisfied ? "passed" : "failed",
            };
            messages.Add(new(ForgeKind.GitLab, ExternalStatusCheck, $"{ExternalStatusCheck}:{project}:{iid}:{sha}", check));
        }

        return messages;
    }

    /// <summary>The commit status's state: only a satisfied verdict is <c>success</c>; a pending one blocks as <c>pending</c>.</summary>
    public static string State(OverallStatus status) => status switch
    {
        OverallStatus.Satisfied => "success",
        OverallStatus.Pending => "pending",
        _ => "failed",
    };

    /// <summary>
    /// The verdict's sentence and, where they fit, the GitLab approvals that do not count and why — dismissed ones
    /// first ("not counted: @erin.s (dismissed: new content since then …), @bob.m (ai-below-senior: Bob Mid is mid …)"),
    /// each reviewer's latest only — within GitLab's 255 characters: GitLab shows a status's description and nothing more.
    /// </summary>
    public static string Description(VerdictPublication publication)
    {
        var title = VerdictMarkdown.Title(publication.Detail.Result, DescriptionLimit);
        var notCounted = publication.Reviews
            .Reverse()
            .DistinctBy(r => r.Login, StringComparer.Ordinal)
            .Where(r => !r.Counts && r.Verdict == ReviewVerdict.Approved && r.Why is not null)
            .OrderBy(r => r.Why!.StartsWith("dismissed:", StringComparison.Ordinal) ? 0 : 1)
            .Select(r => $"@{r.Login} ({UntrustedText.Bound(Reason(r.Why!), 120)})")
            .ToList();
        var text = notCounted.Count == 0 ? title : $"{title}; not counted: {string.Join(", ", notCounted)}";
        return UntrustedText.ForTerminal(text, DescriptionLimit);
    }

    /// <summary>Why a review does not count, without the "X's approval does not count:" the description already says.</summary>
    private static string Reason(string why)
    {
        const string marker = " does not count: ";
        var at = why.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? why : why[(at + marker.Length)..];
    }
}
