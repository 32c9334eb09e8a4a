using Countersign.Server.Evaluation;

namespace Countersign.Server.Forges;

/// <summary>
/// A verdict to show on a forge: the change as decided (its result tree, directory and revisions), where its page
/// is, and what the forge's reviews amounted to. <see cref="ForgeEventProcessor"/> makes one whenever a change's
/// verdict may have moved; the forge's <see cref="IVerdictPublisher"/> turns it into outbox messages.
/// </summary>
/// <remarks>
/// <c>Repository</c>: Where to publish.<br/>
/// <c>Number</c>: The pull or merge request; null for a merge queue's group.<br/>
/// <c>HeadSha</c>: The commit the verdict is about (a check run's or commit status's head).<br/>
/// <c>Detail</c>: The change as decided (<see cref="ChangeService.DetailAsync"/>).<br/>
/// <c>ChangeUrl</c>: The dashboard's change page, when the server knows its public address.<br/>
/// <c>Reviews</c>: The forge reviews of this request, each with whether it counts and why not.<br/>
/// <c>SuggestedReviewers</c>: Forge logins of eligible seniors to ask for a review (empty: none).<br/>
/// </remarks>
public sealed record VerdictPublication(
    ForgeRepository Repository, int? Number, string HeadSha, ChangeDetail Detail, Uri? ChangeUrl,
    IReadOnlyList<ReviewNote> Reviews, IReadOnlyList<string> SuggestedReviewers);

/// <summary>A forge review as Countersign judged it.</summary>
/// <remarks>
/// <c>Login</c>: The reviewer's forge login.<br/>
/// <c>PersonId</c>: The directory person it resolved to; null when none.<br/>
/// <c>CommitSha</c>: The head the review was of.<br/>
/// <c>Counts</c>: True when it is a sign-off that counts now.<br/>
/// <c>Why</c>: When it does not count: why, in one sentence (not in the directory, author of the change, not senior enough, dismissed: new content since then, …).<br/>
/// </remarks>
public sealed record ReviewNote(string Login, string? PersonId, ReviewVerdict Verdict, string CommitSha, bool Counts, string? Why);

/// <summary>Turns a verdict into one forge's outbox messages (a check run, a commit status, review requests, a comment).</summary>
public interface IVerdictPublisher
{
    ForgeKind Forge { get; }

    IReadOnlyList<OutboxMessage> Messages(VerdictPublication publication);
}
