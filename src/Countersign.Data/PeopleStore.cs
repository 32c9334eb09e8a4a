using System.Data.Common;
using System.Text.Json;
using Countersign.Core.Organisation;
using Dapper;

namespace Countersign.Data;

/// <summary>
/// The <c>people</c> table: one row per person of the directory, whether imported from org.yaml or provisioned over
/// SCIM (then with its SCIM id, externalId and userName). Writes run in a <see cref="WriteScope"/>.
/// </summary>
internal static class PeopleStore
{
    private const string Columns = "id, scim_id, external_id, user_name, active, data, updated_at";

    /// <summary>Every person, provisioned or not, by id.</summary>
    public static async Task<IReadOnlyList<PersonRow>> AllAsync(DbConnection c, DbTransaction? t) =>
        (await c.QueryAsync<PersonRow>($"SELECT {Columns} FROM people ORDER BY id", transaction: t)).ToList();

    /// <summary>The people provisioned over SCIM, by id.</summary>
    public static async Task<IReadOnlyList<PersonRow>> ProvisionedAsync(DbConnection c, DbTransaction? t) =>
        (await c.QueryAsync<PersonRow>($"SELECT {Columns} FROM people WHERE scim_id IS NOT NULL ORDER BY id", transaction: t)).ToList();

    /// <summary>The people never provisioned over SCIM (org.yaml's), by id.</summary>
    public static async Task<IReadOnlyList<PersonRow>> UnprovisionedAsync(DbConnection c, DbTransaction? t) =>
        (await c.QueryAsync<PersonRow>($"SELECT {Columns} FROM people WHERE scim_id IS NULL ORDER BY id", transaction: t)).ToList();

    public static Task<long> CountProvisionedAsync(DbConnection c) =>
        c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM people WHERE scim_id IS NOT NULL");

    /// <summary>A page of the provisioned people, by id (<paramref name="offset"/> rows skipped).</summary>
    public static async Task<IReadOnlyList<PersonRow>> ProvisionedPageAsync(DbConnection c, int count, int offset) =>
        count == 0 ? [] : (await c.QueryAsync<PersonRow>($"SELECT {Columns} FROM people WHERE scim_id IS NOT NULL ORDER BY id LIMIT @count OFFSET @offset", new { count, offset })).ToList();

    /// <summary>
    /// The provisioned people that may match a lookup: by userName (case-insensitive), else externalId, else SCIM id,
    /// else all of them (identity providers look users up one at a time, so the common case is one indexed row).
    /// </summary>
    public static async Task<IReadOnlyList<PersonRow>> ProvisionedCandidatesAsync(DbConnection c, string? userName, string? externalId, string? scimId)
    {
        var (where, parameters) = userName is not null ? (" AND LOWER(user_name) = LOWER(@value)", new { value = userName })
            : externalId is not null ? (" AND external_id = @value", new { value = externalId })
            : scimId is not null ? (" AND scim_id = @value", new { value = scimId })
            : ("", new { value = "" });
        return (await c.QueryAsync<PersonRow>($"SELECT {Columns} FROM people WHERE scim_id IS NOT NULL{where} ORDER BY id", parameters)).ToList();
    }

    public static Task<PersonRow?> ByScimIdAsync(DbConnection c, DbTransaction? t, string scimId) =>
        c.QueryFirstOrDefaultAsync<PersonRow?>($"SELECT {Columns} FROM people WHERE scim_id = @scimId", new { scimId }, t);

    /// <summary>The provisioned person other than <paramref name="exceptPerson"/> holding <paramref name="userName"/> (case-insensitive), or null.</summary>
    public static Task<string?> UserNameHolderAsync(DbConnection c, DbTransaction? t, string userName, string? exceptPerson) =>
        c.QueryFirstOrDefaultAsync<string?>(
            "SELECT id FROM people WHERE scim_id IS NOT NULL AND LOWER(user_name) = LOWER(@userName) AND id <> @except",
            new { userName, except = exceptPerson ?? "" }, t);

    public static async Task<HashSet<string>> IdsAsync(DbConnection c, DbTransaction? t) =>
        (await c.QueryAsync<string>("SELECT id FROM people", transaction: t)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Stores a person; SCIM link columns given as null keep their stored values.</summary>
    public static async Task UpsertAsync(WriteScope scope, Person person, bool active, string? scimId = null, string? externalId = null, string? userName = null) =>
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO people (id, scim_id, external_id, user_name, active, data, updated_at)
            VALUES (@id, @scimId, @externalId, @userName, @active, @data, @now)
            ON CONFLICT (id) DO UPDATE SET active = excluded.active, data = excluded.data, updated_at = excluded.updated_at,
                scim_id = COALESCE(excluded.scim_id, people.scim_id), external_id = COALESCE(excluded.external_id, people.external_id),
                user_name = COALESCE(excluded.user_name, people.user_name)
            """,
            new { id = person.Id, scimId, externalId, userName, active = active ? 1 : 0, data = JsonSerializer.Serialize(person, OrgStore.Json), now = Db.Time(scope.Now) },
            scope.Transaction);

    /// <summary>Sets a person's externalId and userName exactly (a null externalId clears it).</summary>
    public static async Task SetIdentityAsync(WriteScope scope, string personId, string? externalId, string userName) =>
        await scope.Connection.ExecuteAsync(
            "UPDATE people SET external_id = @externalId, user_name = @userName WHERE id = @personId",
            new { personId, externalId, userName }, scope.Transaction);

    /// <summary>Drops a person's SCIM link (the row and its id stay).</summary>
    public static async Task UnlinkAsync(WriteScope scope, string personId) =>
        await scope.Connection.ExecuteAsync(
            "UPDATE people SET scim_id = NULL, external_id = NULL, user_name = NULL WHERE id = @id",
            new { id = personId }, scope.Transaction);

    /// <summary>Deletes the people not provisioned over SCIM whose ids are not in <paramref name="keep"/>.</summary>
    public static async Task DeleteUnprovisionedExceptAsync(WriteScope scope, IReadOnlyCollection<string> keep)
    {
        var (c, t) = (scope.Connection, scope.Transaction);
        foreach (var id in (await c.QueryAsync<string>("SELECT id FROM people WHERE scim_id IS NULL", transaction: t)).Where(id => !keep.Contains(id)).ToList())
        {
            await c.ExecuteAsync("DELETE FROM people WHERE id = @id", new { id }, t);
        }
    }

    /// <summary>The active people provisioned over SCIM.</summary>
    public static async Task<IReadOnlyList<Person>> ActiveProvisionedAsync(DbConnection c, DbTransaction? t) =>
        (await c.QueryAsync<string>("SELECT data FROM people WHERE scim_id IS NOT NULL AND active = 1 ORDER BY id", transaction: t))
            .Select(d => JsonSerializer.Deserialize<Person>(d, OrgStore.Json)!).ToList();
}
