using Dapper;

namespace Countersign.Data;

/// <summary>The reads behind the dashboard's figures and the queue gauge: counts over changes, revisions and sign-offs.</summary>
public sealed class StatisticsStore(ServerDatabase database)
{
    /// <summary>How many changes are in each status (the <c>countersign_queue</c> gauge).</summary>
    public async Task<IReadOnlyList<(string Status, long Count)>> ChangesByStatusAsync(CancellationToken cancellation) =>
        (await database.ReadAsync(c => c.QueryAsync<(string Status, long Count)>("SELECT status, COUNT(*) FROM changes GROUP BY status"), cancellation)).ToList();

    /// <summary>The product's story in one line: what waits, how many changes, how many AI-assisted, approvals standing, overrides.</summary>
    public Task<(long Waiting, long Changes, long AiAssisted, long Approvals, long Overrides)> HeadlineAsync(CancellationToken cancellation) =>
        // One round trip for the five figures.
        database.ReadAsync(c => c.QuerySingleAsync<(long, long, long, long, long)>("""
            SELECT (SELECT COUNT(*) FROM changes WHERE status IN ('pending', 'rejected', 'frozen')),
                   (SELECT COUNT(*) FROM changes),
                   (SELECT COUNT(*) FROM changes WHERE provenance = 'ai'),
                   (SELECT COUNT(*) FROM signoffs WHERE kind = 'approve' AND dismissed_at IS NULL),
                   (SELECT COUNT(*) FROM signoffs WHERE kind = 'break-glass')
            """), cancellation);

    /// <summary>Each repository's latest stored policy (as CI sent it with a revision) and when it was seen.</summary>
    public async Task<IReadOnlyList<(string Repository, string Policy, string CreatedAt)>> LatestPoliciesAsync(CancellationToken cancellation) =>
        (await database.ReadAsync(c => c.QueryAsync<(string Repository, string Policy, string CreatedAt)>(
            """
            SELECT c.repository, r.policy, r.created_at FROM revisions r JOIN changes c ON c.id = r.change_id
            WHERE r.created_at = (SELECT MAX(r2.created_at) FROM revisions r2 JOIN changes c2 ON c2.id = r2.change_id WHERE c2.repository = c.repository)
            ORDER BY c.repository
            """), cancellation)).DistinctBy(l => l.Repository).ToList();

    /// <summary>The records the organisation view is computed from, over the <paramref name="maxChanges"/> most recent changes.</summary>
    public Task<OrgActivity> ActivityAsync(int maxChanges, CancellationToken cancellation) =>
        database.ReadAsync(async c => new OrgActivity(
            (await c.QueryAsync<(string? LandedAt, string Provenance, string Tools, string? AuthorTeam, string Status)>(
                "SELECT landed_at, provenance, tools, author_team, status FROM changes ORDER BY id DESC LIMIT @max", new { max = maxChanges })).ToList(),
            (await c.QueryAsync<(string Person, int Count)>(
                "SELECT person_id, COUNT(*) FROM signoffs WHERE kind <> 'break-glass' GROUP BY person_id")).ToList(),
            (await c.QueryAsync<(string Person, int Count)>(
                "SELECT w.person_id, COUNT(*) FROM waiting w JOIN changes ch ON ch.id = w.change_id WHERE ch.status IN ('pending', 'rejected', 'frozen') GROUP BY w.person_id")).ToList(),
            (await c.QueryAsync<(string SignedAt, string RegisteredAt)>(
                "SELECT s.at, r.created_at FROM signoffs s JOIN revisions r ON r.change_id = s.change_id AND r.number = s.revision WHERE s.kind = 'approve'")).ToList(),
            await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM signoffs WHERE kind = 'break-glass'")), cancellation);
}
