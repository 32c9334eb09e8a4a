using System.Data.Common;
using System.Text.Json.Nodes;
using Countersign.Core.Text;
using Dapper;

namespace Countersign.Data;

/// <summary>
/// What forges told the server: pull and merge requests (<c>forge_requests</c>), their reviews and what each became
/// (<c>forge_reviews</c>), installations (<c>forge_installations</c>), and the verdict last published for each head
/// (<c>forge_publications</c>). Requests, reviews and installations are state: each change is audited in its
/// transaction. A publication's hash is an operational reading (it decides nothing; losing it republishes once) and is
/// written without an audit record, as a fetch's outcome is.
/// </summary>
internal static class ForgeStore
{
    /// <summary>The longest description kept (GitHub allows 65,536 characters; disclosures sit near the top).</summary>
    public const int MaxBody = 20000;

    private const string RequestColumns =
        "forge, repository, number, change_key, title, body, body_hash, base_ref, head_ref, head_sha, state, draft, labels, author_login, installation, updated_at";

    private const string ReviewColumns =
        "id, forge, repository, number, review_id, reviewer_login, reviewer_id, person_id, verdict, commit_sha, signoff_id, refusal, at, withdrawn_at, withdrawn_reason";

    public static async Task<ForgeRequestRow?> RequestAsync(DbConnection connection, DbTransaction? transaction, string forge, string repository, int number) =>
        await connection.QuerySingleOrDefaultAsync<ForgeRequestRow>(
            $"SELECT {RequestColumns} FROM forge_requests WHERE forge = @forge AND repository = @repository AND number = @number",
            new { forge, repository, number }, transaction);

    /// <summary>The requests whose head is <paramref name="headSha"/>, open ones first.</summary>
    public static async Task<List<ForgeRequestRow>> RequestsByHeadAsync(DbConnection connection, string forge, string repository, string headSha) =>
        (await connection.QueryAsync<ForgeRequestRow>(
            $"SELECT {RequestColumns} FROM forge_requests WHERE forge = @forge AND repository = @repository AND head_sha = @headSha ORDER BY CASE state WHEN 'open' THEN 0 ELSE 1 END, number",
            new { forge, repository, headSha })).ToList();

    public static async Task<List<ForgeRequestRow>> OpenRequestsAsync(DbConnection connection, string forge, string repository) =>
        (await connection.QueryAsync<ForgeRequestRow>(
            $"SELECT {RequestColumns} FROM forge_requests WHERE forge = @forge AND repository = @repository AND state = 'open' ORDER BY number",
            new { forge, repository })).ToList();

    /// <summary>Stores the request as the forge now describes it; audited when anything it decides on moved. False when nothing changed.</summary>
    public static async Task<bool> SaveRequestAsync(WriteScope scope, ForgeRequestRow request, string action, string actor)
    {
        var c = scope.Connection;
        var t = scope.Transaction;
        request.Body = request.Body is null ? null : UntrustedText.Bound(request.Body, MaxBody);
        request.Title = request.Title is null ? null : UntrustedText.Bound(request.Title, 1000);
        request.UpdatedAt = Db.Time(scope.Now);
        var existing = await RequestAsync(c, t, request.Forge, request.Repository, request.Number);
        if (existing is not null && existing.HeadSha == request.HeadSha && existing.State == request.State && existing.Labels == request.Labels
            && existing.BodyHash == request.BodyHash && existing.Title == request.Title && existing.BaseRef == request.BaseRef
            && existing.Draft == request.Draft && existing.Installation == request.Installation && existing.HeadRef == request.HeadRef)
        {
            return false;
        }

        await c.ExecuteAsync(existing is null
            ? $"INSERT INTO forge_requests ({RequestColumns}) VALUES (@Forge, @Repository, @Number, @ChangeKey, @Title, @Body, @BodyHash, @BaseRef, @HeadRef, @HeadSha, @State, @Draft, @Labels, @AuthorLogin, @Installation, @UpdatedAt)"
            : """
              UPDATE forge_requests SET change_key = @ChangeKey, title = @Title, body = @Body, body_hash = @BodyHash, base_ref = @BaseRef, head_ref = @HeadRef,
                  head_sha = @HeadSha, state = @State, draft = @Draft, labels = @Labels, author_login = @AuthorLogin, installation = @Installation, updated_at = @UpdatedAt
              WHERE forge = @Forge AND repository = @Repository AND number = @Number
              """, request, t);
        await scope.AuditAsync(existing is null ? "forge.request.opened" : "forge.request.changed", actor, new JsonObject
        {
            ["forge"] = request.Forge,
            ["repository"] = request.Repository,
            ["number"] = request.Number,
            ["key"] = request.ChangeKey,
            ["action"] = UntrustedText.Bound(action, 50),
            ["headSha"] = request.HeadSha,
            ["previousHeadSha"] = existing?.HeadSha,
            ["state"] = request.State,
            ["labels"] = JsonNode.Parse(request.Labels),
            ["bodySha256"] = request.BodyHash,
        });
        return true;
    }

    /// <summary>Marks the request closed or merged; false when it already was (or is unknown).</summary>
    public static async Task<bool> CloseRequestAsync(WriteScope scope, string forge, string repository, int number, bool merged, string actor)
    {
        var state = merged ? "merged" : "closed";
        var updated = await scope.Connection.ExecuteAsync(
            "UPDATE forge_requests SET state = @state, updated_at = @now WHERE forge = @forge AND repository = @repository AND number = @number AND state <> @state",
            new { state, now = Db.Time(scope.Now), forge, repository, number }, scope.Transaction);
        if (updated > 0)
        {
            await scope.AuditAsync($"forge.request.{state}", actor, new JsonObject { ["forge"] = forge, ["repository"] = repository, ["number"] = number });
        }

        return updated > 0;
    }

    public static async Task<ForgeReviewRow?> ReviewAsync(DbConnection connection, DbTransaction? transaction, string forge, string repository, string reviewId) =>
        await connection.QuerySingleOrDefaultAsync<ForgeReviewRow>(
            $"SELECT {ReviewColumns} FROM forge_reviews WHERE forge = @forge AND repository = @repository AND review_id = @reviewId",
            new { forge, repository, reviewId }, transaction);

    /// <summary>The reviewer's latest review of the request with <paramref name="verdict"/> that is not withdrawn.</summary>
    public static async Task<ForgeReviewRow?> LatestReviewAsync(DbConnection connection, DbTransaction? transaction, string forge, string repository, int number, string login, string verdict) =>
        (await connection.QueryAsync<ForgeReviewRow>(
            $"SELECT {ReviewColumns} FROM forge_reviews WHERE forge = @forge AND repository = @repository AND number = @number AND reviewer_login = @login AND verdict = @verdict AND withdrawn_at IS NULL ORDER BY id DESC",
            new { forge, repository, number, login, verdict }, transaction)).FirstOrDefault();

    /// <summary>The request's reviews, oldest first.</summary>
    public static async Task<List<ForgeReviewRow>> ReviewsAsync(DbConnection connection, string forge, string repository, int number) =>
        (await connection.QueryAsync<ForgeReviewRow>(
            $"SELECT {ReviewColumns} FROM forge_reviews WHERE forge = @forge AND repository = @repository AND number = @number ORDER BY id",
            new { forge, repository, number })).ToList();

    /// <summary>Records a review and what it became; false (and nothing written) when that review is recorded already.</summary>
    public static async Task<bool> InsertReviewAsync(WriteScope scope, ForgeReviewRow review, string actor)
    {
        if (await ReviewAsync(scope.Connection, scope.Transaction, review.Forge, review.Repository, review.ReviewId) is not null)
        {
            return false;
        }

        review.At = Db.Time(scope.Now);
        review.Refusal = review.Refusal is null ? null : UntrustedText.Bound(review.Refusal, 1000);
        review.ReviewerLogin = UntrustedText.Bound(review.ReviewerLogin, 100);
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO forge_reviews (forge, repository, number, review_id, reviewer_login, reviewer_id, person_id, verdict, commit_sha, signoff_id, refusal, at)
            VALUES (@Forge, @Repository, @Number, @ReviewId, @ReviewerLogin, @ReviewerId, @PersonId, @Verdict, @CommitSha, @SignoffId, @Refusal, @At)
            """, review, scope.Transaction);
        await scope.AuditAsync("forge.review.recorded", actor, new JsonObject
        {
            ["forge"] = review.Forge,
            ["repository"] = review.Repository,
            ["number"] = review.Number,
            ["review"] = UntrustedText.Bound(review.ReviewId, 100),
            ["reviewer"] = review.ReviewerLogin,
            ["reviewerId"] = review.ReviewerId,
            ["person"] = review.PersonId,
            ["verdict"] = review.Verdict,
            ["commitSha"] = review.CommitSha,
            ["signOff"] = review.SignoffId,
            ["refusal"] = review.Refusal,
        });
        return true;
    }

    /// <summary>Marks a review withdrawn (dismissed on GitHub, unapproved on GitLab); false when it already was.</summary>
    public static async Task<bool> WithdrawReviewAsync(WriteScope scope, ForgeReviewRow review, string reason, string actor)
    {
        reason = UntrustedText.Bound(reason, 500);
        var updated = await scope.Connection.ExecuteAsync(
            "UPDATE forge_reviews SET withdrawn_at = @now, withdrawn_reason = @reason WHERE id = @Id AND withdrawn_at IS NULL",
            new { now = Db.Time(scope.Now), reason, review.Id }, scope.Transaction);
        if (updated > 0)
        {
            await scope.AuditAsync("forge.review.withdrawn", actor, new JsonObject
            {
                ["forge"] = review.Forge,
                ["repository"] = review.Repository,
                ["number"] = review.Number,
                ["review"] = UntrustedText.Bound(review.ReviewId, 100),
                ["signOff"] = review.SignoffId,
                ["reason"] = reason,
            });
        }

        return updated > 0;
    }

    /// <summary>The hash of the verdict last published for <paramref name="headSha"/>, the change and the request it was for; null when none was.</summary>
    public static async Task<(string Hash, long ChangeId, int? Number)?> PublishedAsync(DbConnection connection, string forge, string repository, string headSha) =>
        (await connection.QueryAsync<(string, long, int?)>(
            "SELECT verdict_hash, change_id, number FROM forge_publications WHERE forge = @forge AND repository = @repository AND head_sha = @headSha",
            new { forge, repository, headSha })).Select(r => ((string, long, int?)?)r).FirstOrDefault();

    /// <summary>Remembers what was published for <paramref name="headSha"/> (operational: not audited).</summary>
    public static async Task RecordPublishedAsync(ServerDatabase database, string forge, string repository, string headSha, long changeId, int? number, string hash, DateTimeOffset at, CancellationToken cancellation)
    {
        await using var connection = await database.OpenAsync(write: true, cancellation);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO forge_publications (forge, repository, head_sha, change_id, number, verdict_hash, published_at)
            VALUES (@forge, @repository, @headSha, @changeId, @number, @hash, @at)
            ON CONFLICT (forge, repository, head_sha) DO UPDATE SET change_id = @changeId, number = @number, verdict_hash = @hash, published_at = @at
            """,
            new { forge, repository, headSha, changeId, number, hash, at = Db.Time(at) }, cancellationToken: cancellation));
    }

    /// <summary>Records that an installation reaches (or no longer reaches) a repository; false when that is already recorded.</summary>
    public static async Task<bool> RecordInstallationAsync(WriteScope scope, string forge, string repository, long? installation, bool removed, string actor)
    {
        var c = scope.Connection;
        var t = scope.Transaction;
        var existing = (await c.QueryAsync<(long? Installation, string? RemovedAt)>(
            "SELECT installation, removed_at FROM forge_installations WHERE forge = @forge AND repository = @repository", new { forge, repository }, t)).ToList();
        if (existing is [var (known, removedAt)] && known == installation && (removedAt is not null) == removed)
        {
            return false;
        }

        var now = Db.Time(scope.Now);
        await c.ExecuteAsync(existing.Count == 0
            ? "INSERT INTO forge_installations (forge, repository, installation, added_at, removed_at) VALUES (@forge, @repository, @installation, @now, @removedAt)"
            : "UPDATE forge_installations SET installation = @installation, removed_at = @removedAt, added_at = CASE WHEN @removedAt IS NULL THEN @now ELSE added_at END WHERE forge = @forge AND repository = @repository",
            new { forge, repository, installation, now, removedAt = removed ? now : null }, t);
        await scope.AuditAsync(removed ? "forge.installation.removed" : "forge.installation.added", actor, new JsonObject
        {
            ["forge"] = forge,
            ["repository"] = repository,
            ["installation"] = installation,
        });
        return true;
    }

    /// <summary>How many undecided changes wait for each person (who is least loaded).</summary>
    public static async Task<Dictionary<string, int>> WaitingCountsAsync(DbConnection connection) =>
        (await connection.QueryAsync<(string Person, long Count)>(
            "SELECT w.person_id, COUNT(*) FROM waiting w JOIN changes ch ON ch.id = w.change_id WHERE ch.status IN ('pending', 'rejected', 'frozen') GROUP BY w.person_id"))
        .ToDictionary(r => r.Person, r => (int)r.Count, StringComparer.Ordinal);
}
