using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Countersign.Core.Policy.Evaluation;
using Countersign.Data;
using Countersign.Server.Evaluation;

namespace Countersign.Server.Forges;

/// <summary>
/// Makes a change's <see cref="VerdictPublication"/> — the change as decided now, its forge reviews re-judged now, the
/// least loaded people who can give what is missing — and hands it to the forge's <see cref="IVerdictPublisher"/>, whose
/// messages go to the durable <see cref="IOutbox"/>. A verdict equal to the one last published for the head publishes
/// nothing (a redelivered event changes nothing on the forge). With no publisher or no outbox registered for the forge,
/// nothing is published (and nothing remembered, so a later event publishes).
/// </summary>
public sealed class VerdictPublishing(
    ServerDatabase database, ChangeService changes, ServerOptions options, TimeProvider time, IEnumerable<IVerdictPublisher> publishers, IOutbox? outbox = null)
{
    /// <summary>At most this many reviewers are suggested.</summary>
    public const int MaxSuggested = 5;

    /// <summary>
    /// Publishes the verdict on change <paramref name="changeId"/> for <paramref name="headSha"/>; the publication made
    /// (published or not: the same verdict again, or no publisher), or the problem reading the change.
    /// </summary>
    /// <param name="forge">The forge to publish on.</param>
    /// <param name="repository">The repository there.</param>
    /// <param name="changeId">The change.</param>
    /// <param name="number">The request, or null for a merge group.</param>
    /// <param name="headSha">The head the verdict is about.</param>
    /// <param name="force">Publish even when the verdict is the one last published (someone asked for it again).</param>
    /// <param name="cancellation">Cancels the work.</param>
    public async Task<Outcome<(VerdictPublication Publication, bool Published)>> PublishAsync(
        ForgeKind forge, ForgeRepository repository, long changeId, int? number, string headSha, bool force, CancellationToken cancellation)
    {
        if (!(await changes.DetailAsync(changeId, null, cancellation)).Succeeded(out var detail, out var problem))
        {
            return problem;
        }

        var forgeName = ForgeName(forge);
        var (reviews, waiting, last) = await database.ReadAsync(async connection => (
            number is { } n ? await ForgeStore.ReviewsAsync(connection, forgeName, repository.FullName, n) : [],
            await ForgeStore.WaitingCountsAsync(connection),
            await ForgeStore.PublishedAsync(connection, forgeName, repository.FullName, headSha)), cancellation);
        var notes = reviews.Select(r => Note(r, detail)).ToList();
        var publication = new VerdictPublication(
            repository, number, headSha, detail, ChangeUrl(changeId), notes, Suggested(forge, detail, notes, waiting));
        var hash = Hash(publication);
        if (!force && last is { } previous && previous.Hash == hash)
        {
            return (publication, false);
        }

        if (outbox is null || publishers.FirstOrDefault(p => p.Forge == forge) is not { } publisher)
        {
            return (publication, false);
        }

        await outbox.EnqueueAsync(publisher.Messages(publication), cancellation);
        await ForgeStore.RecordPublishedAsync(database, forgeName, repository.FullName, headSha, changeId, number, hash, time.GetUtcNow(), cancellation);
        return (publication, true);
    }

    /// <summary>The name a forge is stored under.</summary>
    public static string ForgeName(ForgeKind forge) => forge == ForgeKind.GitHub ? "github" : "gitlab";

    /// <summary>The dashboard's page of the change, when the server knows its public address.</summary>
    private Uri? ChangeUrl(long changeId) => options.ChangePage(changeId);

    /// <summary>A review as it stands now: a sign-off that counts, or why it does not (re-judged: one that counted may be stale now).</summary>
    private static ReviewNote Note(ForgeReviewRow review, ChangeDetail detail)
    {
        var verdict = review.Verdict == "approved" ? ReviewVerdict.Approved : ReviewVerdict.ChangesRequested;
        if (review.WithdrawnAt is not null)
        {
            return new ReviewNote(review.ReviewerLogin, review.PersonId, ReviewVerdict.Withdrawn, review.CommitSha, false, review.WithdrawnReason ?? "withdrawn");
        }

        if (review.SignoffId is not { } id)
        {
            return new ReviewNote(review.ReviewerLogin, review.PersonId, verdict, review.CommitSha, false, review.Refusal);
        }

        var rules = detail.Result.Rules.Where(r => r.Requirement is not null).ToList();
        if (rules.Any(r => r.Requirement!.Counted.Any(c => c.SignOff.Id == id) || r.Requirement.Rejections.Any(c => c.SignOff.Id == id)))
        {
            return new ReviewNote(review.ReviewerLogin, review.PersonId, verdict, review.CommitSha, true, null);
        }

        if (rules.SelectMany(r => r.Requirement!.Dismissed.Select(n => (r.Name, n))).FirstOrDefault(x => x.n.SignOff.Id == id) is { n: not null } dismissed)
        {
            return new ReviewNote(review.ReviewerLogin, review.PersonId, verdict, review.CommitSha, false, $"dismissed: {dismissed.n.Reason}");
        }

        if (rules.SelectMany(r => r.Requirement!.NotCounted.Select(n => (r.Name, n))).FirstOrDefault(x => x.n.SignOff.Id == id) is { n: not null } notCounted)
        {
            return new ReviewNote(review.ReviewerLogin, review.PersonId, verdict, review.CommitSha, false, $"{notCounted.Name}: {notCounted.n.Reason}");
        }

        // Recorded, and no rule that needs a sign-off applies now: nothing to count it for, nothing against it.
        return new ReviewNote(review.ReviewerLogin, review.PersonId, verdict, review.CommitSha, rules.Count == 0, rules.Count == 0 ? null : "no rule counts it now");
    }

    /// <summary>The forge logins of the people who can give a missing sign-off, least loaded first; those whose review already counts are left out.</summary>
    private static IReadOnlyList<string> Suggested(ForgeKind forge, ChangeDetail detail, IReadOnlyList<ReviewNote> notes, IReadOnlyDictionary<string, int> waiting)
    {
        var counted = notes.Where(n => n.Counts && n.PersonId is not null).Select(n => n.PersonId!).ToHashSet(StringComparer.Ordinal);
        return detail.Result.Rules
            .Where(r => r.Blocks && r.Requirement is { Missing.Length: > 0 })
            .SelectMany(r => r.Requirement!.Candidates)
            .Select(c => c.PersonId)
            .Distinct(StringComparer.Ordinal)
            .Where(id => !counted.Contains(id))
            .Select(id => (Id: id, Login: detail.Org.FindPerson(id) is { } person ? forge == ForgeKind.GitHub ? person.GitHub : person.GitLab : null))
            .Where(x => !string.IsNullOrWhiteSpace(x.Login))
            .OrderBy(x => waiting.GetValueOrDefault(x.Id))
            .ThenBy(x => x.Id, StringComparer.Ordinal)
            .Select(x => x.Login!.TrimStart('@'))
            .Take(MaxSuggested)
            .ToList();
    }

    /// <summary>What the forge would show, hashed: the verdict, each rule's state, the reviews, the suggestions and the link (not the evaluation time).</summary>
    private static string Hash(VerdictPublication publication)
    {
        var result = publication.Detail.Result;
        var shape = new
        {
            publication.HeadSha,
            publication.Number,
            Change = publication.Detail.View.Id,
            publication.Detail.View.Revision,
            Status = publication.Detail.View.Status,
            result.Summary,
            Rules = result.Rules.Select(r => new
            {
                r.Name,
                Status = r.Status.ToString(),
                r.Summary,
                Missing = r.Requirement?.Missing,
                Counted = r.Requirement?.Counted.Select(c => c.SignOff.Id),
                Dismissed = r.Requirement?.Dismissed.Select(c => c.SignOff.Id + ":" + c.Reason),
                NotCounted = r.Requirement?.NotCounted.Select(c => c.SignOff.Id + ":" + c.Reason),
                Candidates = r.Requirement?.Candidates.Select(c => c.PersonId),
            }),
            Freezes = result.Freezes.Select(f => f.ToString()),
            BreakGlass = result.BreakGlass?.ToString(),
            publication.Reviews,
            publication.SuggestedReviewers,
            Url = publication.ChangeUrl?.ToString(),
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(shape))));
    }
}
