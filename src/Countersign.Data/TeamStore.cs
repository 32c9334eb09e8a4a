using System.Data.Common;
using System.Text.Json;
using Countersign.Core.Organisation;
using Dapper;

namespace Countersign.Data;

/// <summary>The <c>teams</c> table: one row per team, imported from org.yaml or provisioned over SCIM (with its SCIM id and externalId).</summary>
internal static class TeamStore
{
    private const string Columns = "id, scim_id, external_id, data, updated_at";

    public static async Task<IReadOnlyList<TeamRow>> AllAsync(DbConnection c, DbTransaction? t) =>
        (await c.QueryAsync<TeamRow>($"SELECT {Columns} FROM teams ORDER BY id", transaction: t)).ToList();

    public static async Task<IReadOnlyList<TeamRow>> ProvisionedAsync(DbConnection c, DbTransaction? t) =>
        (await c.QueryAsync<TeamRow>($"SELECT {Columns} FROM teams WHERE scim_id IS NOT NULL ORDER BY id", transaction: t)).ToList();

    public static Task<TeamRow?> ByScimIdAsync(DbConnection c, DbTransaction? t, string scimId) =>
        c.QueryFirstOrDefaultAsync<TeamRow?>($"SELECT {Columns} FROM teams WHERE scim_id = @scimId", new { scimId }, t);

    /// <summary>Stores a team from org.yaml; a SCIM link it has stays.</summary>
    public static async Task UpsertAsync(WriteScope scope, Team team) =>
        await scope.Connection.ExecuteAsync(
            "INSERT INTO teams (id, data, updated_at) VALUES (@id, @data, @now) ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
            new { id = team.Id, data = JsonSerializer.Serialize(team, OrgStore.Json), now = Db.Time(scope.Now) }, scope.Transaction);

    /// <summary>Stores a team provisioned over SCIM with exactly this SCIM id and externalId.</summary>
    public static async Task UpsertProvisionedAsync(WriteScope scope, Team team, string scimId, string? externalId) =>
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO teams (id, scim_id, external_id, data, updated_at) VALUES (@id, @scimId, @externalId, @data, @now)
            ON CONFLICT (id) DO UPDATE SET scim_id = excluded.scim_id, external_id = excluded.external_id, data = excluded.data, updated_at = excluded.updated_at
            """,
            new { id = team.Id, scimId, externalId, data = JsonSerializer.Serialize(team, OrgStore.Json), now = Db.Time(scope.Now) },
            scope.Transaction);

    public static async Task DeleteAsync(WriteScope scope, string id) =>
        await scope.Connection.ExecuteAsync("DELETE FROM teams WHERE id = @id", new { id }, scope.Transaction);

    /// <summary>Deletes the teams not provisioned over SCIM whose ids are not in <paramref name="keep"/>.</summary>
    public static async Task DeleteUnprovisionedExceptAsync(WriteScope scope, IReadOnlyCollection<string> keep)
    {
        var (c, t) = (scope.Connection, scope.Transaction);
        foreach (var id in (await c.QueryAsync<string>("SELECT id FROM teams WHERE scim_id IS NULL", transaction: t)).Where(id => !keep.Contains(id)).ToList())
        {
            await c.ExecuteAsync("DELETE FROM teams WHERE id = @id", new { id }, t);
        }
    }
}
