using System.Security.Cryptography;
using System.Text;
using Countersign.Core.Organisation;
using Countersign.Core.SignOffs;
using Countersign.Core.Text;
using Countersign.Data;
using Countersign.Server.Evaluation;

namespace Countersign.Server.Forges;

/// <summary>
/// A forge's reviews as Countersign takes them. The reviewer is matched to a directory person by forge login only (the
/// directory's <c>github:</c>/<c>gitlab:</c> handles, from org.yaml or SCIM) — never by display name — and a bot never
/// counts. An approval becomes an approving sign-off and a request for changes a rejection, through the one sign-off
/// path (<see cref="SignOffService.RecordAsync"/>), bound to the revision whose head the reviewer saw, with an id
/// derived from the forge's review id (a redelivered review is one sign-off). One that would not count is kept as a
/// review note with the refusal. A withdrawal (GitHub dismissal, GitLab unapproval) withdraws the sign-off.
/// </summary>
public sealed class ForgeReviews(ServerDatabase database, SignOffService signOffs, ServerEvaluator evaluator, TimeProvider time)
{
    /// <summary>Records the review on change <paramref name="changeId"/>; what it became, in one sentence, or the problem that stops it (then retried).</summary>
    /// <param name="review">The review.</param>
    /// <param name="changeId">The request's change.</param>
    /// <param name="cancellation">Cancels the work.</param>
    public async Task<Outcome<string>> RecordAsync(ForgeEvent.Reviewed review, long changeId, CancellationToken cancellation)
    {
        var forge = VerdictPublishing.ForgeName(review.Forge);
        var repository = review.Repository.FullName;
        var login = UntrustedText.Bound(review.Reviewer.Login, 100);
        var actor = ForgeConventions.ReviewerActor(review.Forge, review.Reviewer.Login);
        var (known, change, revisions, directory) = await database.ReadAsync(async c =>
        {
            var row = await ChangeStore.GetAsync(c, null, changeId);
            return (
                await ForgeStore.ReviewAsync(c, null, forge, repository, review.ReviewId),
                row,
                await RevisionStore.AllAsync(c, changeId),
                await evaluator.OrgAsync(c));
        }, cancellation);
        if (known is not null)
        {
            return $"review {Show(review.ReviewId)} by {login} is recorded already";
        }

        if (change is null)
        {
            return ChangeService.NoSuchChange(changeId);
        }

        var commit = review.CommitSha ?? change.HeadSha;
        var match = new IdentityResolver(directory.Org).ResolveHandle(review.Forge == ForgeKind.GitHub ? HandlePlatform.GitHub : HandlePlatform.GitLab, review.Reviewer.Login);
        var kind = review.Verdict == ReviewVerdict.Approved ? SignOffKind.Approve : SignOffKind.Reject;
        var words = kind == SignOffKind.Approve ? "approval" : "request for changes";
        string? refusal = null;
        string? signOffId = null;
        var revision = revisions.LastOrDefault(r => string.Equals(r.HeadSha, commit, StringComparison.OrdinalIgnoreCase));
        if (review.Reviewer.IsBot || match.IsBot)
        {
            refusal = $"{login} is a bot: a bot's {words} never counts";
        }
        else if (match.Person is not { } person)
        {
            refusal = $"{login} is not a person of the directory ({UntrustedText.Bound(match.Explanation, 200)}): reviewers are matched by their {review.Forge} login, never by name";
        }
        else if (revision is null)
        {
            refusal = $"the reviewed commit {Show(commit)} is not a revision Countersign built of this request";
        }
        else
        {
            var command = new SignOffCommand(changeId, kind, person.Id, actor, review.Body)
            {
                Revision = revision.Number,
                SignOffId = SignOffIdFor(forge, repository, review.ReviewId),
            };
            var recorded = await signOffs.RecordAsync(command, cancellation);
            if (recorded.Succeeded(out var response, out var problem))
            {
                signOffId = response.SignOff.Id;
            }
            else if (problem is Problem.Unprocessable { Items: { } reasons })
            {
                refusal = $"{person.Name}'s {words} does not count: {string.Join("; ", reasons)}";
            }
            else if (problem is Problem.Forbidden or Problem.NotFound or Problem.Conflict)
            {
                refusal = problem.Detail;
            }
            else
            {
                return problem;
            }
        }

        var row = new ForgeReviewRow
        {
            Forge = forge,
            Repository = repository,
            Number = review.Number,
            ReviewId = UntrustedText.Bound(review.ReviewId, 200),
            ReviewerLogin = login,
            ReviewerId = review.Reviewer.Id,
            PersonId = match.Person?.Id,
            Verdict = kind == SignOffKind.Approve ? "approved" : "changes-requested",
            CommitSha = commit,
            SignoffId = signOffId,
            Refusal = refusal,
        };
        await database.WriteAsync(scope => ForgeStore.InsertReviewAsync(scope, row, actor), time.GetUtcNow(), cancellation);
        return signOffId is not null ? $"{words} by {login} recorded as sign-off {signOffId}" : $"{words} by {login} kept as a note: {refusal}";
    }

    /// <summary>
    /// Withdraws the review <see cref="ForgeEvent.Reviewed.ReviewId"/> names (GitHub's dismissal), or else the reviewer's
    /// latest approval of the request (GitLab's unapproval): its sign-off withdrawn, the change re-evaluated.
    /// </summary>
    /// <param name="review">The withdrawal.</param>
    /// <param name="changeId">The request's change.</param>
    /// <param name="cancellation">Cancels the work.</param>
    public async Task<Outcome<string>> WithdrawAsync(ForgeEvent.Reviewed review, long changeId, CancellationToken cancellation)
    {
        var forge = VerdictPublishing.ForgeName(review.Forge);
        var repository = review.Repository.FullName;
        var login = UntrustedText.Bound(review.Reviewer.Login, 100);
        var target = await database.ReadAsync(async c =>
            await ForgeStore.ReviewAsync(c, null, forge, repository, review.ReviewId) is { WithdrawnAt: null } named
                ? named
                : await ForgeStore.LatestReviewAsync(c, null, forge, repository, review.Number, login, "approved"), cancellation);
        if (target is null)
        {
            return $"nothing of {login}'s to withdraw";
        }

        var message = string.IsNullOrWhiteSpace(review.Body) ? "" : $": {UntrustedText.Bound(review.Body.ReplaceLineEndings(" "), 200)}";
        var reason = $"{SignOffService.WithdrawnPrefix} on {review.Forge}{message}";
        var actor = ForgeConventions.ReviewerActor(review.Forge, review.Reviewer.Login);
        if (target.SignoffId is { } signOffId && !(await signOffs.WithdrawAsync(changeId, signOffId, reason, actor, cancellation)).Succeeded(out _, out var problem)
            && problem is not Problem.NotFound)
        {
            return problem;
        }

        await database.WriteAsync(scope => ForgeStore.WithdrawReviewAsync(scope, target, reason, actor), time.GetUtcNow(), cancellation);
        return $"{target.Verdict} review by {target.ReviewerLogin} withdrawn";
    }

    /// <summary>The sign-off id a forge review becomes: the same for every delivery of that review.</summary>
    public static string SignOffIdFor(string forge, string repository, string reviewId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{forge}\u001f{repository}\u001f{reviewId}")))[..32];

    private static string Show(string text) => UntrustedText.ForTerminal(text, 60);
}
