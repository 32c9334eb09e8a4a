using System.Globalization;
using System.Text.Json;
using Countersign.Core.SignOffs;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Countersign.Storage;

/// <summary>
/// Sign-offs and deploy decisions of one repository, in the Countersign database (<see cref="ScanStore"/>). Each
/// write is one transaction; a failure to read or write is a <see cref="StorageException"/> naming the database.
/// Identifiers longer than their bound are refused (<see cref="ArgumentException"/>): callers validate what they
/// accept; the untrusted comment is cut to <see cref="MaxCommentLength"/>.
/// </summary>
public sealed class SqliteSignOffStore(ScanStore store, long repoId) : ISignOffStore
{
    public const int MaxIdLength = 128;
    public const int MaxChangeKeyLength = 1024;
    public const int MaxPersonIdLength = 256;
    public const int MaxShaLength = 64;
    public const int MaxCommentLength = 4000;
    public const int MaxNameLength = 256;
    public const int MaxSummaryLength = 1 << 20;

    private const string Columns = "id, change_key, person_id, kind, patch_id, file_patch_ids, head_sha, at, comment";
    private const string Selected =
        "id AS Id, change_key AS ChangeKey, person_id AS PersonId, kind AS Kind, patch_id AS PatchId, file_patch_ids AS FilePatchIds, head_sha AS HeadSha, at AS At, comment AS Comment";

    public IReadOnlyList<SignOff> ForChange(string changeKey, string patchId)
    {
        ArgumentNullException.ThrowIfNull(changeKey);
        ArgumentNullException.ThrowIfNull(patchId);

        // An empty patch id is the empty diff: equal content, but nothing anyone signed off.
        var sql = patchId.Length == 0
            ? $"SELECT {Selected} FROM signoffs WHERE repo_id = @repoId AND change_key = @changeKey ORDER BY at, id"
            : $"""
               SELECT {Selected} FROM signoffs WHERE repo_id = @repoId AND change_key = @changeKey
               UNION
               SELECT {Selected} FROM signoffs WHERE repo_id = @repoId AND patch_id = @patchId
               ORDER BY at, id
               """;
        var rows = Guard("reading sign-offs", () => store.Connection.Query<SignOffRow>(sql, new { repoId, changeKey, patchId }).ToList());
        return rows.Select(ToSignOff).ToList();
    }

    public void Add(SignOff signOff)
    {
        ArgumentNullException.ThrowIfNull(signOff);
        var row = ToRow(signOff);
        Guard("recording a sign-off", () =>
        {
            using var writing = store.LockForWrite();
            using var tx = store.Connection.BeginTransaction();
            var inserted = store.Connection.Execute(
                $"""
                INSERT INTO signoffs(repo_id, {Columns})
                VALUES (@repoId, @Id, @ChangeKey, @PersonId, @Kind, @PatchId, @FilePatchIds, @HeadSha, @At, @Comment)
                ON CONFLICT(id) DO NOTHING
                """,
                new { repoId, row.Id, row.ChangeKey, row.PersonId, row.Kind, row.PatchId, row.FilePatchIds, row.HeadSha, row.At, row.Comment }, tx);
            if (inserted == 0)
            {
                var existing = store.Connection.QuerySingleOrDefault<SignOffRow>(
                    $"SELECT {Selected} FROM signoffs WHERE id = @Id AND repo_id = @repoId", new { row.Id, repoId }, tx);
                if (existing != row)
                {
                    throw new InvalidOperationException($"sign-off id '{row.Id}' is already recorded for a different sign-off");
                }
            }

            tx.Commit();
        });
    }

    /// <summary>Records a deploy gate's decision and returns it with its assigned <see cref="DeployDecision.Id"/>.</summary>
    /// <exception cref="ArgumentException">A name or sha is over its bound, or the summary is not JSON.</exception>
    public DeployDecision RecordDeployDecision(DeployDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Bounded(decision.Service, MaxNameLength, nameof(decision.Service));
        Bounded(decision.Environment, MaxNameLength, nameof(decision.Environment));
        Bounded(decision.FromSha ?? "", MaxShaLength, nameof(decision.FromSha));
        Bounded(decision.ToSha, MaxShaLength, nameof(decision.ToSha));
        Bounded(decision.Summary, MaxSummaryLength, nameof(decision.Summary));
        try
        {
            using var _ = JsonDocument.Parse(decision.Summary);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"the summary is not JSON: {e.Message}", nameof(decision), e);
        }

        var at = FormatTime(decision.At);
        var id = Guard("recording a deploy decision", () =>
        {
            using var writing = store.LockForWrite();
            using var tx = store.Connection.BeginTransaction();
            var newId = store.Connection.ExecuteScalar<long>(
                """
                INSERT INTO deploy_decisions(repo_id, service, environment, from_sha, to_sha, allowed, summary, at)
                VALUES (@repoId, @Service, @Environment, @FromSha, @ToSha, @Allowed, @Summary, @at)
                RETURNING id
                """,
                new { repoId, decision.Service, decision.Environment, decision.FromSha, decision.ToSha, decision.Allowed, decision.Summary, at }, tx);
            tx.Commit();
            return newId;
        });
        return decision with { Id = id, At = ParseTime(at) };
    }

    /// <summary>Recorded deploy decisions, newest first, optionally only for one service and/or environment.</summary>
    public IReadOnlyList<DeployDecision> DeployDecisions(string? service = null, string? environment = null) =>
        Guard("reading deploy decisions", () => store.Connection.Query<DeployRow>(
                """
                SELECT id, service, environment, from_sha AS FromSha, to_sha AS ToSha, allowed, summary, at
                FROM deploy_decisions
                WHERE repo_id = @repoId AND (@service IS NULL OR service = @service) AND (@environment IS NULL OR environment = @environment)
                ORDER BY at DESC, id DESC
                """,
                new { repoId, service, environment })
            .Select(r => new DeployDecision(r.Service, r.Environment, r.FromSha, r.ToSha, r.Allowed != 0, r.Summary, ParseTime(r.At), r.Id))
            .ToList());

    private static SignOffRow ToRow(SignOff s)
    {
        Bounded(s.Id, MaxIdLength, nameof(s.Id));
        Bounded(s.ChangeKey, MaxChangeKeyLength, nameof(s.ChangeKey));
        Bounded(s.PersonId, MaxPersonIdLength, nameof(s.PersonId));
        Bounded(s.PatchId, MaxShaLength, nameof(s.PatchId));
        Bounded(s.HeadSha, MaxShaLength, nameof(s.HeadSha));
        var files = JsonSerializer.Serialize(new SortedDictionary<string, string>(s.FilePatchIds.ToDictionary(), StringComparer.Ordinal));
        var comment = s.Comment is { Length: > MaxCommentLength } tooLong ? string.Concat(tooLong.AsSpan(0, MaxCommentLength - 1), "…") : s.Comment;
        return new SignOffRow(s.Id, s.ChangeKey, s.PersonId, StoredNames.Kind(s.Kind), s.PatchId, files, s.HeadSha, FormatTime(s.At), comment);
    }

    private SignOff ToSignOff(SignOffRow r)
    {
        var kind = StoredNames.ParseKind(r.Kind)
            ?? throw new StorageException($"{store.Path}: sign-off {r.Id} has the kind '{r.Kind}', unknown to this countersign; upgrade countersign");
        var files = JsonSerializer.Deserialize<Dictionary<string, string>>(r.FilePatchIds) ?? [];
        return new SignOff(r.Id, r.ChangeKey, r.PersonId, kind, r.PatchId, files, r.HeadSha, ParseTime(r.At), r.Comment);
    }

    private static void Bounded(string value, int max, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length > max)
        {
            throw new ArgumentException($"{name} is {value.Length} characters long; at most {max} are stored", name);
        }
    }

    /// <summary>Fixed-width UTC, so text order is time order.</summary>
    private static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string at) =>
        DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private T Guard<T>(string what, Func<T> action) => store.Guard(what, action);

    private void Guard(string what, Action action) => Guard(what, () =>
    {
        action();
        return 0;
    });

    private sealed record SignOffRow(
        string Id, string ChangeKey, string PersonId, string Kind, string PatchId, string FilePatchIds, string HeadSha, string At, string? Comment);

    private sealed record DeployRow(long Id, string Service, string Environment, string? FromSha, string ToSha, long Allowed, string Summary, string At);
}
