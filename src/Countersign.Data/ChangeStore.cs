using System.Data.Common;
using System.Text.Json;
using Countersign.Core.Changes;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Text;
using Dapper;

namespace Countersign.Data;

/// <summary>
/// The <c>changes</c> table and who each change waits for (<c>waiting</c>): find, create, move to a new revision,
/// record an evaluation's outcome, list the queue. Writes take the caller's <see cref="WriteScope"/>; the caller appends
/// the audit records.
/// </summary>
internal static class ChangeStore
{
    public const int MaxTitle = 300;
    public const int MaxSummary = 2000;

    public const string Columns =
        "id, repository, change_key, title, author_id, author_level, revision, head_sha, patch_id, status, summary, risk, blast_class, provenance, tools, ai_share, created_at, updated_at";

    public static async Task<ChangeRow?> GetAsync(DbConnection connection, DbTransaction? transaction, long id) =>
        await connection.QuerySingleOrDefaultAsync<ChangeRow>($"SELECT {Columns} FROM changes WHERE id = @id", new { id }, transaction);

    public static async Task<ChangeRow?> FindAsync(DbConnection connection, DbTransaction? transaction, string repository, string key) =>
        await connection.QuerySingleOrDefaultAsync<ChangeRow>(
            $"SELECT {Columns} FROM changes WHERE repository = @repository AND change_key = @key", new { repository, key }, transaction);

    /// <summary>A new change at revision 1 (status <c>new</c> until its first evaluation is recorded); its id.</summary>
    public static async Task<long> InsertAsync(WriteScope scope, string repository, ChangeFacts facts) =>
        await scope.Connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO changes (repository, change_key, title, revision, head_sha, patch_id, status, summary, risk, blast_class, provenance, tools, created_at, updated_at)
            VALUES (@repository, @key, @title, 1, @head, @patch, 'new', '', 0, '', '', '[]', @now, @now) RETURNING id
            """,
            new { repository, key = facts.Key, title = UntrustedText.Bound(facts.Title, MaxTitle), head = facts.HeadSha, patch = facts.PatchId, now = Db.Time(scope.Now) },
            scope.Transaction);

    /// <summary>Points the change at its revision <paramref name="number"/>.</summary>
    public static async Task MoveToRevisionAsync(WriteScope scope, long id, int number, ChangeFacts facts) =>
        await scope.Connection.ExecuteAsync(
            "UPDATE changes SET revision = @number, head_sha = @head, patch_id = @patch, title = @title WHERE id = @id",
            new { number, head = facts.HeadSha, patch = facts.PatchId, title = UntrustedText.Bound(facts.Title, MaxTitle), id }, scope.Transaction);

    public static async Task RetitleAsync(WriteScope scope, long id, string? title) =>
        await scope.Connection.ExecuteAsync("UPDATE changes SET title = @title WHERE id = @id", new { title = UntrustedText.Bound(title, MaxTitle), id }, scope.Transaction);

    /// <summary>Stores an evaluation's outcome on the change: status, summary, the facts the queue sorts by, and who it waits for.</summary>
    public static async Task RecordEvaluationAsync(WriteScope scope, long id, string status, PolicyResult result, ChangeFacts facts)
    {
        var c = scope.Connection;
        var t = scope.Transaction;
        var authors = facts.PeopleIn(ParticipantRole.Author);
        var author = authors.Count > 0 ? authors[0] : null;
        await c.ExecuteAsync(
            """
            UPDATE changes SET status = @status, summary = @summary, risk = @risk, blast_class = @blast, provenance = @provenance,
                tools = @tools, ai_share = @aiShare, author_id = @authorId, author_level = @authorLevel, updated_at = @now,
                landed_at = @landedAt, author_team = @authorTeam
            WHERE id = @id
            """,
            new
            {
                status, summary = UntrustedText.Bound(result.Summary, MaxSummary), risk = facts.Risk.Score, blast = JsonSerializer.Serialize(facts.BlastRadius.Class).Trim('"'),
                provenance = JsonSerializer.Serialize(facts.Status).Trim('"'), tools = JsonSerializer.Serialize(facts.Tools), aiShare = facts.AiLineShare,
                authorId = author?.Id, authorLevel = author?.Level, now = Db.Time(scope.Now), id,
                landedAt = Db.Time(facts.Commits.Count > 0 ? facts.Commits[^1].Committer.When : scope.Now),
                authorTeam = author is { Teams.Count: > 0 } ? author.Teams[0] : null,
            }, t);
        await c.ExecuteAsync("DELETE FROM waiting WHERE change_id = @id", new { id }, t);
        if (!result.Passed)
        {
            var waitingFor = result.Rules.Where(r => r.Blocks && r.Requirement is not null)
                .SelectMany(r => r.Requirement!.Candidates.Select(x => x.PersonId)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var person in waitingFor)
            {
                await c.ExecuteAsync("INSERT INTO waiting (change_id, person_id) VALUES (@id, @person)", new { id, person }, t);
            }
        }
    }

    /// <summary>One page of changes, ordered by risk (highest first), then age (oldest first), and how many match in all.</summary>
    public static async Task<(long Total, IReadOnlyList<ChangeRow> Rows)> ListAsync(DbConnection connection, DatabaseKind kind, QueueFilter query)
    {
        var where = new List<string>();
        var args = new DynamicParameters();
        // Dapper expands "IN @list" for SQLite but passes a PostgreSQL array for Npgsql, which needs "= ANY".
        string In(string parameter) => kind == DatabaseKind.PostgreSql ? $"= ANY(@{parameter})" : $"IN @{parameter}";
        if (query.Statuses.Count > 0)
        {
            where.Add($"c.status {In("statuses")}");
            args.Add("statuses", query.Statuses.ToArray());
        }

        if (query.Repository is not null)
        {
            where.Add("c.repository = @repository");
            args.Add("repository", query.Repository);
        }

        if (query.Person is not null)
        {
            where.Add("EXISTS (SELECT 1 FROM waiting w WHERE w.change_id = c.id AND w.person_id = @person)");
            args.Add("person", query.Person);
        }

        if (query.TeamMembers is not null)
        {
            where.Add($"EXISTS (SELECT 1 FROM waiting w WHERE w.change_id = c.id AND w.person_id {In("members")})");
            args.Add("members", query.TeamMembers.ToArray());
        }

        var clause = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        args.Add("limit", query.Limit);
        args.Add("offset", query.Offset);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM changes c {clause}", args);
        var rows = await connection.QueryAsync<ChangeRow>(
            $"SELECT {Columns} FROM changes c {clause} ORDER BY c.risk DESC, c.created_at, c.id LIMIT @limit OFFSET @offset", args);
        return (total, rows.ToList());
    }

    /// <summary>
    /// Everything a decision on change <paramref name="id"/> reads, in one round trip: the change, its current revision
    /// (without its documents), the directory's version and the sign-offs. Null when there is no such change.
    /// </summary>
    public static async Task<DecisionRows?> DecisionRowsAsync(DbConnection connection, long id)
    {
        using var grid = await connection.QueryMultipleAsync(
            $"""
            SELECT {Columns} FROM changes WHERE id = @id;
            SELECT {RevisionStore.PrefixedColumns} FROM revisions r JOIN changes c ON c.id = r.change_id AND c.revision = r.number WHERE c.id = @id;
            SELECT value FROM settings WHERE name = 'org_version';
            SELECT {SignOffStore.PrefixedColumns} FROM signoffs s JOIN changes c ON c.id = @id
                WHERE s.repository = c.repository AND (s.change_key = c.change_key OR (s.patch_id = c.patch_id AND s.patch_id <> ''))
                ORDER BY s.at, s.id;
            """, new { id });
        if (await grid.ReadSingleOrDefaultAsync<ChangeRow>() is not { } row)
        {
            return null;
        }

        var revision = await grid.ReadSingleAsync<RevisionRow>();
        var orgVersion = long.Parse(await grid.ReadSingleOrDefaultAsync<string?>() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var signOffs = (await grid.ReadAsync<SignOffRow>()).Select(r => r.View()).ToList();
        return new DecisionRows(row, revision, orgVersion, signOffs);
    }
}
