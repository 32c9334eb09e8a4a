using System.Data.Common;
using System.Text.Json.Nodes;
using Countersign.Core.Organisation;
using Countersign.Data;

namespace Countersign.Server.Scim;

/// <summary>
/// SCIM Users onto the org directory's people. A User is linked to an existing person with one of its e-mails, else
/// given an id from the userName's local part; <c>active:false</c> takes the person out of the directory, so they can
/// sign nothing. Every change runs in one write transaction that bumps the directory version (replicas reload) and
/// appends its audit record; every refusal is decided before anything is written.
/// </summary>
/// <remarks>
/// DELETE of a user deactivates the person and drops the SCIM link, keeping the person id reserved so a later user
/// never inherits a former person's history.
/// </remarks>
internal sealed class ScimUsers(ServerDatabase database, ScimLevel level, TimeProvider time)
{
    public const int MaxPatchValues = 5_000;

    public static IReadOnlyList<string> FilterAttributes { get; } = ["id", "userName", "externalId", "displayName", "emails", "emails.value", "active"];

    public Task<JsonObject> ListAsync(ScimFilter? filter, int startIndex, int count, string baseUrl, CancellationToken cancellation) =>
        database.ReadAsync(async c =>
        {
            var teams = await LinkedTeamsAsync(c, null);
            if (filter is null)
            {
                var total = await PeopleStore.CountProvisionedAsync(c);
                var rows = await PeopleStore.ProvisionedPageAsync(c, count, startIndex - 1);
                return ScimSchemas.List(await RenderAsync(c, null, rows, teams, baseUrl), total, startIndex);
            }

            // userName, externalId and id narrow the rows in SQL; the filter itself is then evaluated on the representation.
            var candidates = await PeopleStore.ProvisionedCandidatesAsync(c, filter.ValueOf("userName"), filter.ValueOf("externalId"), filter.ValueOf("id"));
            var matching = candidates.Where(r => filter.Matches(ScimRender.User(r, null, teams, level, baseUrl))).ToList();
            var page = matching.Skip(startIndex - 1).Take(count).ToList();
            return ScimSchemas.List(await RenderAsync(c, null, page, teams, baseUrl), matching.Count, startIndex);
        }, cancellation);

    public Task<ScimOutcome> GetAsync(string scimId, string baseUrl, CancellationToken cancellation) =>
        database.ReadAsync(async c => await PeopleStore.ByScimIdAsync(c, null, scimId) is { } row
            ? ScimOutcome.Of(await RenderAsync(c, null, row, baseUrl))
            : NotFound(scimId), cancellation);

    public Task<ScimOutcome> CreateAsync(JsonObject body, string actor, string baseUrl, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var (c, t) = (scope.Connection, scope.Transaction);
            var input = ScimUserInput.Read(body, await OrgStore.LevelsAsync(c, t), level);
            if (await UserNameTakenAsync(c, t, input.UserName, null) is { } taken)
            {
                return taken;
            }

            var linked = await FindByEmailAsync(c, t, input.Emails);
            var existing = linked?.Person();
            var id = linked?.Id ?? ScimIds.Unique(ScimIds.PersonStem(input.UserName), await PeopleStore.IdsAsync(c, t));
            var person = new Person(id, input.Name, input.Emails, existing?.GitHub, existing?.GitLab, input.Level, existing?.Teams, existing?.Manager);
            var scimId = Guid.NewGuid().ToString("n");
            var active = input.Active ?? true;
            if (await IdentityClashAsync(c, t, person, active) is { } clash)
            {
                return clash;
            }

            await PeopleStore.UpsertAsync(scope, person, active, scimId, input.ExternalId, input.UserName);
            await PeopleStore.SetIdentityAsync(scope, id, input.ExternalId, input.UserName);
            await ProvisioningTimes.SetAsync(scope, scimId);
            var version = await OrgStore.BumpAsync(scope);
            var audit = Audit(scimId, person, input, active, version);
            audit["linked"] = linked is not null;
            await scope.AuditAsync("scim.user-created", actor, audit);
            return ScimOutcome.Of(await RenderAsync(c, t, (await PeopleStore.ByScimIdAsync(c, t, scimId))!, baseUrl)) with { Status = 201 };
        }, time.GetUtcNow(), cancellation);

    public Task<ScimOutcome> ReplaceAsync(string scimId, JsonObject body, string actor, string baseUrl, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var (c, t) = (scope.Connection, scope.Transaction);
            return await PeopleStore.ByScimIdAsync(c, t, scimId) is { } row
                ? await UpdateAsync(scope, row, ScimUserInput.Read(body, await OrgStore.LevelsAsync(c, t), level), actor, baseUrl)
                : NotFound(scimId);
        }, time.GetUtcNow(), cancellation);

    public Task<ScimOutcome> PatchAsync(string scimId, JsonObject patch, string actor, string baseUrl, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var (c, t) = (scope.Connection, scope.Transaction);
            if (await PeopleStore.ByScimIdAsync(c, t, scimId) is not { } row)
            {
                return NotFound(scimId);
            }

            var resource = ScimRender.User(row, null, await LinkedTeamsAsync(c, t), level, baseUrl);
            ScimPatch.Apply(resource, patch, level.ExtensionSchemas, MaxPatchValues);
            return await UpdateAsync(scope, row, ScimUserInput.Read(resource, await OrgStore.LevelsAsync(c, t), level), actor, baseUrl);
        }, time.GetUtcNow(), cancellation);

    public Task<ScimOutcome> DeleteAsync(string scimId, string actor, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var (c, t) = (scope.Connection, scope.Transaction);
            if (await PeopleStore.ByScimIdAsync(c, t, scimId) is not { } row)
            {
                return NotFound(scimId);
            }

            // The person leaves the teams SCIM manages (a re-provisioned user joins them again through Groups) and
            // keeps the rest; the id stays taken, so no later user inherits this person's history.
            var person = row.Person();
            var linkedTeams = await LinkedTeamsAsync(c, t);
            var left = person.Teams.Where(linkedTeams.ContainsKey).ToList();
            await PeopleStore.UpsertAsync(scope, person with { Teams = person.Teams.Where(x => !linkedTeams.ContainsKey(x)).ToList() }, active: false);
            await PeopleStore.UnlinkAsync(scope, row.Id);
            await ProvisioningTimes.RemoveAsync(scope, scimId);
            var version = await OrgStore.BumpAsync(scope);
            await scope.AuditAsync("scim.user-deleted", actor, new JsonObject
            {
                ["scimId"] = scimId,
                ["person"] = row.Id,
                ["userName"] = row.UserName,
                ["teams"] = ScimJson.Array(left.Select(x => (JsonNode)x)),
                ["version"] = version,
            });
            return ScimOutcome.Deleted;
        }, time.GetUtcNow(), cancellation);

    /// <summary>SCIM-provisioned teams by team id (the groups a user shows).</summary>
    internal static async Task<Dictionary<string, TeamRow>> LinkedTeamsAsync(DbConnection c, DbTransaction? t) =>
        (await TeamStore.ProvisionedAsync(c, t)).ToDictionary(r => r.Id, StringComparer.Ordinal);

    private static ScimOutcome NotFound(string scimId) => ScimOutcome.NotFound($"no user with id {ScimFilter.Bound(scimId)}");

    private async Task<ScimOutcome> UpdateAsync(WriteScope scope, PersonRow row, ScimUserInput input, string actor, string baseUrl)
    {
        var (c, t) = (scope.Connection, scope.Transaction);
        if (await UserNameTakenAsync(c, t, input.UserName, row.Id) is { } taken)
        {
            return taken;
        }

        var person = row.Person() with { Name = input.Name, Emails = input.Emails, Level = input.Level };
        var wasActive = row.Active != 0;
        var active = input.Active ?? wasActive;
        if (await IdentityClashAsync(c, t, person, active) is { } clash)
        {
            return clash;
        }

        await PeopleStore.UpsertAsync(scope, person, active, row.ScimId, input.ExternalId, input.UserName);
        await PeopleStore.SetIdentityAsync(scope, row.Id, input.ExternalId, input.UserName);
        var version = await OrgStore.BumpAsync(scope);
        await scope.AuditAsync(wasActive && !active ? "scim.user-deactivated" : "scim.user-updated", actor, Audit(row.ScimId!, person, input, active, version));
        return ScimOutcome.Of(await RenderAsync(c, t, (await PeopleStore.ByScimIdAsync(c, t, row.ScimId!))!, baseUrl));
    }

    private static JsonObject Audit(string scimId, Person person, ScimUserInput input, bool active, long version) => new()
    {
        ["scimId"] = scimId,
        ["person"] = person.Id,
        ["userName"] = input.UserName,
        ["externalId"] = input.ExternalId,
        ["name"] = person.Name,
        ["emails"] = ScimJson.Array(person.Emails.Select(e => (JsonNode)e)),
        ["level"] = person.Level,
        ["levelValue"] = input.LevelValue,
        ["active"] = active,
        ["version"] = version,
    };

    private static async Task<ScimOutcome?> UserNameTakenAsync(DbConnection c, DbTransaction t, string userName, string? exceptPerson) =>
        await PeopleStore.UserNameHolderAsync(c, t, userName, exceptPerson) is { } holder
            ? ScimOutcome.Uniqueness($"userName '{userName}' is already provisioned (person {holder})")
            : null;

    /// <summary>
    /// The directory's one uniqueness check (<see cref="IdentityClaims"/>, as for org.yaml): an active person may share no
    /// e-mail, handle or no-reply address with anyone else in the directory. Deactivating is always allowed.
    /// </summary>
    private static async Task<ScimOutcome?> IdentityClashAsync(DbConnection c, DbTransaction t, Person person, bool active) =>
        active && IdentityClaims.ConflictsOf(await OrgStore.LoadAsync(c, t), person) is { Count: > 0 } conflicts
            ? ScimOutcome.Uniqueness($"{string.Join("; ", conflicts)}; two people may not share an identity")
            : null;

    /// <summary>
    /// The person not yet provisioned with one of <paramref name="emails"/>: the primary address first, then any; an
    /// active person before an inactive one.
    /// </summary>
    private static async Task<PersonRow?> FindByEmailAsync(DbConnection c, DbTransaction t, IReadOnlyList<string> emails) =>
        emails.Count == 0 ? null : (await PeopleStore.UnprovisionedAsync(c, t))
            .Select(r => (Row: r, Emails: r.Person().Emails))
            .Select(x => (x.Row, Rank: x.Emails.Contains(emails[0], StringComparer.OrdinalIgnoreCase) ? 0 : x.Emails.Any(e => emails.Contains(e, StringComparer.OrdinalIgnoreCase)) ? 1 : 2))
            .Where(x => x.Rank < 2)
            .OrderBy(x => x.Rank).ThenBy(x => x.Row.Active != 0 ? 0 : 1)
            .Select(x => x.Row)
            .FirstOrDefault();

    private async Task<JsonObject> RenderAsync(DbConnection c, DbTransaction? t, PersonRow row, string baseUrl) =>
        (await RenderAsync(c, t, [row], await LinkedTeamsAsync(c, t), baseUrl))[0];

    private async Task<List<JsonObject>> RenderAsync(DbConnection c, DbTransaction? t, IReadOnlyList<PersonRow> rows, IReadOnlyDictionary<string, TeamRow> teams, string baseUrl)
    {
        var created = await ProvisioningTimes.OfAsync(c, t, rows.Select(r => r.ScimId!));
        return rows.Select(r => ScimRender.User(r, created.GetValueOrDefault(r.ScimId!), teams, level, baseUrl)).ToList();
    }
}
