using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Core.Organisation;
using Dapper;

namespace Countersign.Data;

/// <summary>
/// The org directory as the server keeps it: one row per person and team (so SCIM can change one at a time), the
/// levels and bots as settings, and a version number bumped by every change, which replicas use to know when the
/// directory they cached is stale.
/// </summary>
internal static class OrgStore
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<long> VersionAsync(DbConnection connection, DbTransaction? transaction = null) =>
        long.Parse(await connection.ExecuteScalarAsync<string?>("SELECT value FROM settings WHERE name = 'org_version'", transaction: transaction) ?? "0");

    /// <summary>The directory as stored: active people only (a deprovisioned person is nobody: they can sign nothing).</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">The transaction to read in, if any.</param>
    public static async Task<OrgDirectory> LoadAsync(DbConnection connection, DbTransaction? transaction = null)
    {
        var levels = await SettingAsync<List<string>>(connection, transaction, "org_levels") ?? [.. OrgDirectory.DefaultLevels];
        var bots = await SettingAsync<List<BotIdentity>>(connection, transaction, "org_bots") ?? [];
        var teams = (await connection.QueryAsync<string>("SELECT data FROM teams ORDER BY id", transaction: transaction))
            .Select(d => JsonSerializer.Deserialize<Team>(d, Json)!).ToList();
        var teamIds = teams.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var people = (await connection.QueryAsync<string>("SELECT data FROM people WHERE active = 1 ORDER BY id", transaction: transaction))
            .Select(d => JsonSerializer.Deserialize<Person>(d, Json)!)
            .Select(p => p with { Teams = p.Teams.Where(teamIds.Contains).ToList() })
            .ToList();
        teams = teams.Select(t => t.Parent is { } parent && !teamIds.Contains(parent) ? t with { Parent = null } : t).ToList();
        return new OrgDirectory(levels, teams, people, bots);
    }

    /// <summary>Replaces the directory with an import of org.yaml; people and teams provisioned over SCIM are kept.</summary>
    /// <param name="scope">The write transaction.</param>
    /// <param name="directory">The directory to store.</param>
    /// <param name="actor">Who imported it.</param>
    /// <param name="source">Where it came from (file name), for the audit record.</param>
    public static async Task ImportAsync(WriteScope scope, OrgDirectory directory, string actor, string source)
    {
        // People and teams an identity provider manages over SCIM stay: the IdP, not the file, decides about them.
        await PeopleStore.DeleteUnprovisionedExceptAsync(scope, directory.People.Select(p => p.Id).ToHashSet(StringComparer.Ordinal));
        await TeamStore.DeleteUnprovisionedExceptAsync(scope, directory.Teams.Select(p => p.Id).ToHashSet(StringComparer.Ordinal));
        foreach (var person in directory.People)
        {
            await PeopleStore.UpsertAsync(scope, person, active: true);
        }

        foreach (var team in directory.Teams)
        {
            await TeamStore.UpsertAsync(scope, team);
        }

        await SetSettingAsync(scope, "org_levels", JsonSerializer.Serialize(directory.Levels, Json));
        await SetSettingAsync(scope, "org_bots", JsonSerializer.Serialize(directory.Bots, Json));
        var version = await BumpAsync(scope);
        await scope.AuditAsync("org.imported", actor, new JsonObject
        {
            ["source"] = source,
            ["version"] = version,
            ["people"] = directory.People.Count,
            ["teams"] = directory.Teams.Count,
            ["levels"] = new JsonArray([.. directory.Levels.Select(l => (JsonNode)l)]),
        });
    }

    /// <summary>The active people provisioned over SCIM that an import of <paramref name="directory"/> keeps (those it does not list).</summary>
    /// <param name="scope">The write transaction.</param>
    /// <param name="directory">The directory about to be imported.</param>
    public static async Task<IReadOnlyList<Person>> RetainedScimPeopleAsync(WriteScope scope, OrgDirectory directory) =>
        (await PeopleStore.ActiveProvisionedAsync(scope.Connection, scope.Transaction)).Where(p => directory.FindPerson(p.Id) is null).ToList();

    /// <summary>The directory's levels, most senior last (the defaults until a directory is imported).</summary>
    public static async Task<IReadOnlyList<string>> LevelsAsync(DbConnection connection, DbTransaction? transaction) =>
        await SettingAsync<List<string>>(connection, transaction, "org_levels") ?? [.. OrgDirectory.DefaultLevels];

    /// <summary>Bumps the directory version (every replica reloads on its next request).</summary>
    /// <param name="scope">The write transaction.</param>
    public static async Task<long> BumpAsync(WriteScope scope)
    {
        var version = await VersionAsync(scope.Connection, scope.Transaction) + 1;
        await SetSettingAsync(scope, "org_version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return version;
    }

    public static async Task SetSettingAsync(WriteScope scope, string name, string value) =>
        await scope.Connection.ExecuteAsync(
            "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            new { name, value }, scope.Transaction);

    public static async Task<string?> SettingAsync(DbConnection connection, DbTransaction? transaction, string name) =>
        await connection.ExecuteScalarAsync<string?>("SELECT value FROM settings WHERE name = @name", new { name }, transaction);

    private static async Task<T?> SettingAsync<T>(DbConnection connection, DbTransaction? transaction, string name) =>
        await SettingAsync(connection, transaction, name) is { } text ? JsonSerializer.Deserialize<T>(text, Json) : default;
}
