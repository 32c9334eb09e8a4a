using System.Text.Json.Nodes;
using Countersign.Core.Policy.Evaluation;

namespace Countersign.Server.Forges.GitHub;

/// <summary>
/// A verdict as GitHub outbox messages: always a check run <c>countersign</c> on the head; while the change waits for
/// sign-offs and <c>--github-review-requests N</c> is set, a review request to the suggested seniors; with
/// <c>--github-comment</c>, the one comment on the pull request. Each has a slot — the head for the check run, the pull
/// request for the others — so a newer verdict replaces one not yet sent (after an outage, only the latest goes out).
/// </summary>
public sealed class GitHubPublisher(GitHubOptions options) : IVerdictPublisher
{
    /// <summary>The kinds of message <see cref="GitHubSender"/> sends.</summary>
    public const string CheckRunKind = "check-run";

    /// <inheritdoc cref="CheckRunKind"/>
    public const string ReviewRequestKind = "review-request";

    /// <inheritdoc cref="CheckRunKind"/>
    public const string CommentKind = "comment";

    /// <summary>The check run's name, the one branch protection requires.</summary>
    public const string CheckName = "countersign";

    public ForgeKind Forge => ForgeKind.GitHub;

    /// <summary>The messages for <paramref name="publication"/>; none for a repository reached through no installation of the App (nothing could send them).</summary>
    public IReadOnlyList<OutboxMessage> Messages(VerdictPublication publication)
    {
        if (publication.Repository.Installation is not { } installation)
        {
            return [];
        }

        var repository = publication.Repository.FullName;
        var result = publication.Detail.Result;
        var messages = new List<OutboxMessage>
        {
            new(ForgeKind.GitHub, CheckRunKind, $"{CheckRunKind}:{repository}:{publication.HeadSha}", new JsonObject
            {
                ["repository"] = repository,
                ["installation"] = installation,
                ["head_sha"] = publication.HeadSha,
                ["conclusion"] = Conclusion(result.Status),
                ["title"] = VerdictMarkdown.Title(result),
                ["summary"] = VerdictMarkdown.Summary(publication, ForgeKind.GitHub),
                ["details_url"] = (publication.ChangeUrl ?? PullRequestPage(publication))?.AbsoluteUri,
            }),
        };

        if (publication.Number is not { } number)
        {
            return messages;
        }

        if (options.ReviewRequestCount > 0 && result.Status == OverallStatus.Pending && publication.SuggestedReviewers.Count > 0)
        {
            messages.Add(new(ForgeKind.GitHub, ReviewRequestKind, $"{ReviewRequestKind}:{repository}#{number}", new JsonObject
            {
                ["repository"] = repository,
                ["installation"] = installation,
                ["number"] = number,
                ["count"] = options.ReviewRequestCount,
                ["reviewers"] = new JsonArray([.. publication.SuggestedReviewers.Select(l => (JsonNode)JsonValue.Create(l))]),
            }));
        }

        if (options.Comment)
        {
            messages.Add(new(ForgeKind.GitHub, CommentKind, $"{CommentKind}:{repository}#{number}", new JsonObject
            {
                ["repository"] = repository,
                ["installation"] = installation,
                ["number"] = number,
                ["body"] = VerdictMarkdown.CommentMarker + "\n" + VerdictMarkdown.Summary(publication, ForgeKind.GitHub, VerdictMarkdown.GitHubCommentLimit),
            }));
        }

        return messages;
    }

    /// <summary>A check run's conclusion for a verdict: <c>success</c>; <c>action_required</c> while sign-offs are missing; <c>failure</c> when rejected or frozen.</summary>
    public static string Conclusion(OverallStatus status) => status switch
    {
        OverallStatus.Satisfied => "success",
        OverallStatus.Pending => "action_required",
        _ => "failure",
    };

    /// <summary>Where the check run's "Details" goes when the dashboard's address is not configured: the pull request (GitHub requires a link for action_required).</summary>
    private Uri? PullRequestPage(VerdictPublication publication) =>
        publication.Number is { } number ? new Uri(options.WebUrl, $"{publication.Repository.FullName}/pull/{number}") : new Uri(options.WebUrl, publication.Repository.FullName);
}
