using System.Data.Common;
using System.Text.Json.Nodes;
using Countersign.Contracts;
using Dapper;

namespace Countersign.Data;

/// <summary>The <c>deploy_decisions</c> table: every deploy decided, allowed or not, with a short summary of each shipped change.</summary>
internal static class DeployDecisionStore
{
    /// <summary>Records a decision taken at <paramref name="at"/>, its summary a JSON document; its id.</summary>
    private static async Task<long> InsertAsync(
        WriteScope scope, string repository, string service, string environment, string? from, string to, bool allowed, string summary, DateTimeOffset at) =>
        await scope.Connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO deploy_decisions (repository, service, environment, from_sha, to_sha, allowed, summary, at)
            VALUES (@repository, @service, @environment, @from, @to, @allowed, @summary, @at) RETURNING id
            """,
            new { repository, service, environment, from, to, allowed = allowed ? 1 : 0, summary, at = Db.Time(at) },
            scope.Transaction);

    /// <summary>
    /// Records a decision and its audit record (<c>deploy.decided</c>, with <paramref name="extra"/> added to its
    /// content) in the scope's transaction; its id. Both hosts' deploy gates record through here.
    /// </summary>
    public static async Task<long> RecordAsync(
        WriteScope scope, string actor, string repository, string service, string environment, string? from, string to, bool allowed, string summary, DateTimeOffset at,
        JsonObject? extra = null)
    {
        var id = await InsertAsync(scope, repository, service, environment, from, to, allowed, summary, at);
        var content = new JsonObject
        {
            ["decision"] = id,
            ["repository"] = repository,
            ["service"] = service,
            ["environment"] = environment,
            ["from"] = from,
            ["to"] = to,
            ["allowed"] = allowed,
        };
        foreach (var (name, value) in extra ?? [])
        {
            content[name] = value?.DeepClone();
        }

        await scope.AuditAsync("deploy.decided", actor, content);
        return id;
    }

    /// <summary>Recent decisions, newest first.</summary>
    public static async Task<IReadOnlyList<DeployDecisionSummary>> RecentAsync(DbConnection connection, int offset, int limit) =>
        (await connection.QueryAsync<DeployRow>(
            "SELECT id, repository, service, environment, from_sha, to_sha, allowed, summary, at FROM deploy_decisions ORDER BY id DESC LIMIT @limit OFFSET @offset",
            new { limit, offset }))
        .Select(r => new DeployDecisionSummary(r.Id, r.Repository, r.Service, r.Environment, r.FromSha, r.ToSha, r.Allowed != 0, Db.ParseTime(r.At), JsonNode.Parse(r.Summary)))
        .ToList();

    private sealed class DeployRow
    {
        public long Id { get; set; }

        public string Repository { get; set; } = "";

        public string Service { get; set; } = "";

        public string Environment { get; set; } = "";

        public string? FromSha { get; set; }

        public string ToSha { get; set; } = "";

        public long Allowed { get; set; }

        public string Summary { get; set; } = "[]";

        public string At { get; set; } = "";
    }
}
