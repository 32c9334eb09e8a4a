using System.Data.Common;
using System.Text.Json.Nodes;
using Countersign.Contracts;
using Dapper;

namespace Countersign.Data;

/// <summary>The <c>deploy_decisions</c> table: every deploy decided, allowed or not, with a short summary of each shipped change.</summary>
internal static class DeployDecisionStore
{
    /// <summary>Records a decision; its id.</summary>
    /// <param name="scope">The write transaction (the caller audits the decision in it).</param>
    /// <param name="request">The deploy.</param>
    /// <param name="allowed">Whether it may go.</param>
    /// <param name="summary">Each shipped change's commit and status.</param>
    public static async Task<long> InsertAsync(WriteScope scope, DeployRequest request, bool allowed, JsonArray summary) =>
        await scope.Connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO deploy_decisions (repository, service, environment, from_sha, to_sha, allowed, summary, at)
            VALUES (@Repository, @Service, @Environment, @From, @To, @allowed, @summary, @at) RETURNING id
            """,
            new { request.Repository, request.Service, request.Environment, request.From, request.To, allowed = allowed ? 1 : 0, summary = summary.ToJsonString(), at = Db.Time(scope.Now) },
            scope.Transaction);

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
