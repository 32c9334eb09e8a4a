using System.Data.Common;
using System.Text.Json.Nodes;
using Countersign.Core.Organisation;
using Countersign.Data;

namespace Countersign.Server.Scim;

/// <summary>
/// SCIM Groups onto the org directory's teams: a Group is a team; its members are the SCIM users whose teams include
/// it. A new group links to an unprovisioned team of the same id or name. Memberships are managed for SCIM users only:
/// people imported from org.yaml and never provisioned keep the teams the file gave them. Every refusal is decided
/// before anything is written.
/// </summary>
internal sealed class ScimGroups(ServerDatabase database, TimeProvider time)
{
    public const int MaxMembers = 50_000;

    public static IReadOnlyList<string> FilterAttributes { get; } = ["id", "displayName", "externalId", "members", "members.value"];

    public Task<JsonObject> ListAsync(ScimFilter? filter, int startIndex, int count, bool includeMembers, string baseUrl, CancellationToken cancellation) =>
        database.ReadAsync(async c =>
        {
            var rows = await TeamStore.ProvisionedAsync(c, null);
            var filterOnMembers = filter?.Comparisons.Any(x => x.Attribute.StartsWith("members", StringComparison.OrdinalIgnoreCase)) == true;
            var members = includeMembers || filterOnMembers ? await MembersAsync(c, null) : null;
            var matching = filter is null ? rows : rows.Where(r => filter.Matches(ScimRender.Group(r, null, MembersOf(members, r.Id), baseUrl))).ToList();
            var page = matching.Skip(startIndex - 1).Take(count).ToList();
            var created = await ProvisioningTimes.OfAsync(c, null, page.Select(r => r.ScimId!));
            var resources = page.Select(r => ScimRender.Group(r, created.GetValueOrDefault(r.ScimId!), includeMembers ? MembersOf(members, r.Id) : null, baseUrl)).ToList();
            return ScimSchemas.List(resources, matching.Count, startIndex);
        }, cancellation);

    public Task<ScimOutcome> GetAsync(string scimId, bool includeMembers, string baseUrl, CancellationToken cancellation) =>
        database.ReadAsync(async c => await TeamStore.ByScimIdAsync(c, null, scimId) is { } row
            ? ScimOutcome.Of(await RenderAsync(c, null, row, includeMembers, baseUrl))
            : NotFound(scimId), cancellation);

    public Task<ScimOutcome> CreateAsync(JsonObject body, string actor, string baseUrl, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var (c, t) = (scope.Connection, scope.Transaction);
            var input = ScimGroupInput.Read(body, MaxMembers);
            var teams = await TeamStore.AllAsync(c, t);
            if (DisplayNameTaken(teams, input.DisplayName, null) is { } taken)
            {
                return taken;
            }

            // Without members the group asserts none, so a team it links to keeps the members it has.
            var members = input.Members is null ? null : await ResolveMembersAsync(c, t, input.Members);
            if (members is { Refusal: { } refusal })
            {
                return refusal;
            }

            var slug = ScimIds.TeamStem(input.DisplayName);
            var linked = teams.Where(r => r.ScimId is null)
                .Where(r => r.Id == slug || string.Equals(r.Team().Name, input.DisplayName, StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.Id == slug ? 0 : 1)
                .FirstOrDefault();
            var team = linked is null
                ? new Team(ScimIds.Unique(slug, teams.Select(r => r.Id).ToHashSet(StringComparer.Ordinal)), input.DisplayName)
                : linked.Team() with { Name = input.DisplayName };
            var scimId = Guid.NewGuid().ToString("n");
            await TeamStore.UpsertProvisionedAsync(scope, team, scimId, input.ExternalId);
            await ProvisioningTimes.SetAsync(scope, scimId);
            var (added, removed) = members is null ? ([], []) : await ApplyMembersAsync(scope, team.Id, members);
            var version = await OrgStore.BumpAsync(scope);
            var audit = Audit(scimId, team, input.ExternalId, added, removed, version);
            audit["linked"] = linked is not null;
            await scope.AuditAsync("scim.group-created", actor, audit);
            return ScimOutcome.Of(await RenderAsync(c, t, (await TeamStore.ByScimIdAsync(c, t, scimId))!, true, baseUrl)) with { Status = 201 };
        }, time.GetUtcNow(), cancellation);

    public Task<ScimOutcome> ReplaceAsync(string scimId, JsonObject body, string actor, string baseUrl, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
            // A PUT without members leaves them as they are: an omitted attribute is not asserted (RFC 7644 §3.5.1),
            // and reading it as "no members" would empty a team on a rename.
            await TeamStore.ByScimIdAsync(scope.Connection, scope.Transaction, scimId) is { } row
                ? await UpdateAsync(scope, row, ScimGroupInput.Read(body, MaxMembers), absentMembersMeanNone: false, actor, baseUrl)
                : NotFound(scimId), time.GetUtcNow(), cancellation);

    public Task<ScimOutcome> PatchAsync(string scimId, JsonObject patch, string actor, string baseUrl, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var (c, t) = (scope.Connection, scope.Transaction);
            if (await TeamStore.ByScimIdAsync(c, t, scimId) is not { } row)
            {
                return NotFound(scimId);
            }

            var resource = ScimRender.Group(row, null, MembersOf(await MembersAsync(c, t), row.Id), baseUrl);
            ScimPatch.Apply(resource, patch, [], ScimUsers.MaxPatchValues);
            return await UpdateAsync(scope, row, ScimGroupInput.Read(resource, int.MaxValue), absentMembersMeanNone: true, actor, baseUrl);
        }, time.GetUtcNow(), cancellation);

    public Task<ScimOutcome> DeleteAsync(string scimId, string actor, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var (c, t) = (scope.Connection, scope.Transaction);
            if (await TeamStore.ByScimIdAsync(c, t, scimId) is not { } row)
            {
                return NotFound(scimId);
            }

            var removed = new List<string>();
            foreach (var person in await PeopleStore.AllAsync(c, t))
            {
                var p = person.Person();
                if (p.Teams.Contains(row.Id, StringComparer.Ordinal))
                {
                    await PeopleStore.UpsertAsync(scope, p with { Teams = p.Teams.Where(x => x != row.Id).ToList() }, person.Active != 0);
                    removed.Add(p.Id);
                }
            }

            await TeamStore.DeleteAsync(scope, row.Id);
            await ProvisioningTimes.RemoveAsync(scope, scimId);
            var version = await OrgStore.BumpAsync(scope);
            await scope.AuditAsync("scim.group-deleted", actor, new JsonObject
            {
                ["scimId"] = scimId,
                ["team"] = row.Id,
                ["displayName"] = row.Team().Name,
                ["removed"] = ScimJson.Array(removed.Select(r => (JsonNode)r)),
                ["version"] = version,
            });
            return ScimOutcome.Deleted;
        }, time.GetUtcNow(), cancellation);

    private static ScimOutcome NotFound(string scimId) => ScimOutcome.NotFound($"no group with id {ScimFilter.Bound(scimId)}");

    private async Task<ScimOutcome> UpdateAsync(WriteScope scope, TeamRow row, ScimGroupInput input, bool absentMembersMeanNone, string actor, string baseUrl)
    {
        var (c, t) = (scope.Connection, scope.Transaction);
        if (DisplayNameTaken(await TeamStore.ProvisionedAsync(c, t), input.DisplayName, row.Id) is { } taken)
        {
            return taken;
        }

        var wanted = input.Members ?? (absentMembersMeanNone ? [] : null);
        var members = wanted is null ? null : await ResolveMembersAsync(c, t, wanted);
        if (members is { Refusal: { } refusal })
        {
            return refusal;
        }

        var team = row.Team() with { Name = input.DisplayName };
        await TeamStore.UpsertProvisionedAsync(scope, team, row.ScimId!, input.ExternalId);
        var (added, removed) = members is null ? ([], []) : await ApplyMembersAsync(scope, team.Id, members);
        var version = await OrgStore.BumpAsync(scope);
        await scope.AuditAsync("scim.group-updated", actor, Audit(row.ScimId!, team, input.ExternalId, added, removed, version));
        return ScimOutcome.Of(await RenderAsync(c, t, (await TeamStore.ByScimIdAsync(c, t, row.ScimId!))!, true, baseUrl));
    }

    private static JsonObject Audit(string scimId, Team team, string? externalId, List<string> added, List<string> removed, long version) => new()
    {
        ["scimId"] = scimId,
        ["team"] = team.Id,
        ["displayName"] = team.Name,
        ["externalId"] = externalId,
        ["added"] = ScimJson.Array(added.Select(a => (JsonNode)a)),
        ["removed"] = ScimJson.Array(removed.Select(r => (JsonNode)r)),
        ["version"] = version,
    };

    private static ScimOutcome? DisplayNameTaken(IEnumerable<TeamRow> teams, string displayName, string? exceptTeam) =>
        teams.FirstOrDefault(r => r.ScimId is not null && r.Id != exceptTeam && string.Equals(r.Team().Name, displayName, StringComparison.OrdinalIgnoreCase)) is { } clash
            ? ScimOutcome.Uniqueness($"displayName '{displayName}' is already provisioned (team {clash.Id})")
            : null;

    /// <summary>The SCIM users, and the person ids <paramref name="memberScimIds"/> name; a refusal when one names no user.</summary>
    private static async Task<Members> ResolveMembersAsync(DbConnection c, DbTransaction t, IReadOnlyCollection<string> memberScimIds)
    {
        var rows = await PeopleStore.ProvisionedAsync(c, t);
        var byScimId = rows.ToDictionary(r => r.ScimId!, StringComparer.Ordinal);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in memberScimIds)
        {
            if (!byScimId.TryGetValue(member, out var row))
            {
                return new Members(rows, wanted, ScimOutcome.Invalid($"members: no user with id {ScimFilter.Bound(member)}"));
            }

            wanted.Add(row.Id);
        }

        return new Members(rows, wanted, null);
    }

    /// <summary>
    /// Makes the wanted SCIM users exactly the SCIM users in the team: adds the team to their teams and takes it from
    /// other SCIM users' teams. People never provisioned keep their teams.
    /// </summary>
    private static async Task<(List<string> Added, List<string> Removed)> ApplyMembersAsync(WriteScope scope, string teamId, Members members)
    {
        var (added, removed) = (new List<string>(), new List<string>());
        foreach (var row in members.Provisioned)
        {
            var person = row.Person();
            var has = person.Teams.Contains(teamId, StringComparer.Ordinal);
            var want = members.Wanted.Contains(row.Id);
            if (has == want)
            {
                continue;
            }

            var teams = want ? [.. person.Teams, teamId] : person.Teams.Where(x => x != teamId).ToList();
            await PeopleStore.UpsertAsync(scope, person with { Teams = teams }, row.Active != 0);
            (want ? added : removed).Add(row.Id);
        }

        return (added, removed);
    }

    private async Task<JsonObject> RenderAsync(DbConnection c, DbTransaction? t, TeamRow row, bool includeMembers, string baseUrl)
    {
        var created = await ProvisioningTimes.OfAsync(c, t, [row.ScimId!]);
        var members = includeMembers ? MembersOf(await MembersAsync(c, t), row.Id) : null;
        return ScimRender.Group(row, created.GetValueOrDefault(row.ScimId!), members, baseUrl);
    }

    /// <summary>SCIM users by the teams they are in.</summary>
    private static async Task<Dictionary<string, List<PersonRow>>> MembersAsync(DbConnection c, DbTransaction? t)
    {
        var members = new Dictionary<string, List<PersonRow>>(StringComparer.Ordinal);
        foreach (var row in await PeopleStore.ProvisionedAsync(c, t))
        {
            foreach (var team in row.Person().Teams.Distinct(StringComparer.Ordinal))
            {
                if (!members.TryGetValue(team, out var list))
                {
                    members[team] = list = [];
                }

                list.Add(row);
            }
        }

        return members;
    }

    private static IReadOnlyList<PersonRow>? MembersOf(Dictionary<string, List<PersonRow>>? members, string teamId) =>
        members is null ? null : members.GetValueOrDefault(teamId) ?? [];

    /// <summary>The SCIM users, and the person ids a group asks for, or the refusal of the request.</summary>
    private sealed record Members(IReadOnlyList<PersonRow> Provisioned, HashSet<string> Wanted, ScimOutcome? Refusal);
}
