using System.Data.Common;
using Dapper;

namespace Countersign.Data;

/// <summary>When SCIM resources were created, kept as settings (the people and teams tables record only the last change).</summary>
internal static class ProvisioningTimes
{
    private const string Prefix = "scim_created:";

    public static Task SetAsync(WriteScope scope, string scimId) => OrgStore.SetSettingAsync(scope, Prefix + scimId, Db.Time(scope.Now));

    public static async Task RemoveAsync(WriteScope scope, string scimId) =>
        await scope.Connection.ExecuteAsync("DELETE FROM settings WHERE name = @name", new { name = Prefix + scimId }, scope.Transaction);

    /// <summary>The creation times (as stored) of the resources with these SCIM ids that have one.</summary>
    public static async Task<Dictionary<string, string>> OfAsync(DbConnection c, DbTransaction? t, IEnumerable<string> scimIds)
    {
        var names = scimIds.Select(id => Prefix + id).ToArray();
        if (names.Length == 0)
        {
            return [];
        }

        // Dapper expands a list into IN (…) for SQLite but passes it to Npgsql as one array parameter.
        var sql = c is Npgsql.NpgsqlConnection
            ? "SELECT name, value FROM settings WHERE name = ANY(@names)"
            : "SELECT name, value FROM settings WHERE name IN @names";
        var rows = await c.QueryAsync<(string Name, string Value)>(sql, new { names }, t);
        return rows.ToDictionary(r => r.Name[Prefix.Length..], r => r.Value, StringComparer.Ordinal);
    }
}
