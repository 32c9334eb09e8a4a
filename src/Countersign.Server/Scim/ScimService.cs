using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Core.Organisation;
using Countersign.Server.Data;
using Dapper;

namespace Countersign.Server.Scim;

/// <summary>
/// SCIM 2.0 provisioning (RFC 7643/7644) onto the org directory, so an identity provider keeps it current.
/// A User is a person: linked to an existing person with one of its e-mails, else given an id from the userName's
/// local part; its level comes from the configured attribute (an unknown value leaves the person without a level:
/// missing data never grants seniority); <c>active:false</c> takes the person out of the directory, so they can sign
/// nothing. A Group is a team; its members are the people whose teams include it. Every change runs in one write
/// transaction that bumps the directory version (replicas reload) and appends its audit record.
/// </summary>
/// <remarks>
/// Memberships are managed for SCIM users only: people imported from org.yaml and never provisioned keep the teams
/// the file gave them. DELETE of a user deactivates the person and drops the SCIM link, keeping the person id
/// reserved so a later user never inherits a former person's history.
/// </remarks>
internal sealed class ScimService
{
    public const int MaxUserName = 200;
    public const int MaxName = 256;
    public const int MaxExternalId = 256;
    public const int MaxEmail = 320;
    public const int MaxEmails = 20;
    public const int MaxPatchValues = 5_000;
    public const int MaxMembers = 50_000;
    private const int MaxId = 64;
    private const string PersonColumns = "id, scim_id, external_id, user_name, active, data, updated_at";
    private const string TeamColumns = "id, scim_id, external_id, data, updated_at";

    private readonly ServerDatabase database;
    private readonly TimeProvider time;

    public ScimService(ServerDatabase database, ServerOptions options, TimeProvider time)
    {
        this.database = database;
        this.time = time;
        var (schema, name) = ScimPath.SplitSchema(options.ScimLevelAttribute.Trim());
        LevelSchema = schema;
        LevelName = name;
        ExtensionSchemas = schema is null || string.Equals(schema, ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase)
            ? [ScimSchemas.EnterpriseUser]
            : [ScimSchemas.EnterpriseUser, schema];
    }

    /// <summary>The schema of the attribute carrying a person's level; null when it is a core User attribute.</summary>
    public string? LevelSchema { get; }

    /// <summary>The name of the attribute carrying a person's level (the part of the URN path after the last ':').</summary>
    public string LevelName { get; }

    public IReadOnlyList<string> ExtensionSchemas { get; }

    public static IReadOnlyList<string> UserFilterAttributes { get; } = ["id", "userName", "externalId", "displayName", "emails", "emails.value", "active"];

    public static IReadOnlyList<string> GroupFilterAttributes { get; } = ["id", "displayName", "externalId", "members", "members.value"];

    // ---- Users ----

    public Task<JsonObject> ListUsersAsync(ScimFilter? filter, int startIndex, int count, string baseUrl, CancellationToken cancellation) =>
        database.ReadAsync(async c =>
        {
            var teams = await LinkedTeamsAsync(c, null);
            if (filter is null)
            {
                var total = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM people WHERE scim_id IS NOT NULL");
                var rows = count == 0
                    ? []
                    : (await c.QueryAsync<PersonRow>(
                        $"SELECT {PersonColumns} FROM people WHERE scim_id IS NOT NULL ORDER BY id LIMIT @count OFFSET @offset",
                        new { count, offset = startIndex - 1 })).ToList();
                return ScimSchemas.List(await RenderUsersAsync(c, null, rows, teams, baseUrl), total, startIndex);
            }

            // userName, externalId and id narrow the rows in SQL (identity providers look users up one at a time);
            // the filter itself is then evaluated on the representation.
            var (where, parameters) = filter.ValueOf("userName") is { } userName ? (" AND LOWER(user_name) = LOWER(@value)", new { value = userName })
                : filter.ValueOf("externalId") is { } externalId ? (" AND external_id = @value", new { value = externalId })
                : filter.ValueOf("id") is { } id ? (" AND scim_id = @value", new { value = id })
                : ("", new { value = "" });
            var candidates = await c.QueryAsync<PersonRow>($"SELECT {PersonColumns} FROM people WHERE scim_id IS NOT NULL{where} ORDER BY id", parameters);
            var matching = candidates.Where(r => filter.Matches(RenderUser(r, null, teams, baseUrl))).ToList();
            var page = matching.Skip(startIndex - 1).Take(count).ToList();
            return ScimSchemas.List(await RenderUsersAsync(c, null, page, teams, baseUrl), matching.Count, startIndex);
        }, cancellation);

    public Task<JsonObject> GetUserAsync(string scimId, string baseUrl, CancellationToken cancellation) =>
        database.ReadAsync(c => RenderUserAsync(c, null, scimId, baseUrl), cancellation);

    public Task<JsonObject> CreateUserAsync(JsonObject body, string actor, string baseUrl, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var (c, t) = (scope.Connection, scope.Transaction);
            var input = ReadUser(body, await LevelsAsync(c, t));
            await EnsureUniqueUserNameAsync(scope, input.UserName, null);
            var linked = await FindByEmailAsync(scope, input.Emails);
            var existing = linked?.Person();
            var id = linked?.Id ?? Unique(PersonStem(input.UserName), (await c.QueryAsync<string>("SELECT id FROM people", transaction: t)).ToHashSet(StringComparer.Ordinal));
            var person = new Person(id, input.Name, input.Emails, existing?.GitHub, existing?.GitLab, input.Level, existing?.Teams, existing?.Manager);
            var scimId = Guid.NewGuid().ToString("n");
            var active = input.Active ?? true;
            await EnsureUniqueIdentitiesAsync(scope, person, active);
            await OrgStore.UpsertPersonAsync(scope, person, active, scimId, input.ExternalId, input.UserName);
            await SetIdentityAsync(scope, id, input.ExternalId, input.UserName);
            await OrgStore.SetSettingAsync(scope, CreatedKey(scimId), Db.Time(scope.Now));
            var version = await OrgStore.BumpAsync(scope);
            var audit = UserAudit(scimId, person, input, active, version);
            audit["linked"] = linked is not null;
            await scope.AuditAsync("scim.user-created", actor, audit);
            return await RenderUserAsync(c, t, scimId, baseUrl);
        }, time.GetUtcNow(), cancellation);

    public Task<JsonObject> ReplaceUserAsync(string scimId, JsonObject body, string actor, string baseUrl, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var row = await UserRowAsync(scope.Connection, scope.Transaction, scimId);
            var input = ReadUser(body, await LevelsAsync(scope.Connection, scope.Transaction));
            return await UpdateUserAsync(scope, row, input, actor, baseUrl);
        }, time.GetUtcNow(), cancellation);

    public Task<JsonObject> PatchUserAsync(string scimId, JsonObject patch, string actor, string baseUrl, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var (c, t) = (scope.Connection, scope.Transaction);
            var row = await UserRowAsync(c, t, scimId);
            var resource = RenderUser(row, null, await LinkedTeamsAsync(c, t), baseUrl);
            ScimPatch.Apply(resource, patch, ExtensionSchemas, MaxPatchValues);
            var input = ReadUser(resource, await LevelsAsync(c, t));
            return await UpdateUserAsync(scope, row, input, actor, baseUrl);
        }, time.GetUtcNow(), cancellation);

    public Task DeleteUserAsync(string scimId, string actor, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var (c, t) = (scope.Connection, scope.Transaction);
            var row = await UserRowAsync(c, t, scimId);
            // The person leaves the teams SCIM manages (a re-provisioned user joins them again through Groups) and
            // keeps the rest; the id stays taken, so no later user inherits this person's history.
            var person = row.Person();
            var linkedTeams = await LinkedTeamsAsync(c, t);
            var left = person.Teams.Where(linkedTeams.ContainsKey).ToList();
            await OrgStore.UpsertPersonAsync(scope, person with { Teams = person.Teams.Where(x => !linkedTeams.ContainsKey(x)).ToList() }, active: false);
            await c.ExecuteAsync(
                "UPDATE people SET scim_id = NULL, external_id = NULL, user_name = NULL WHERE id = @id",
                new { id = row.Id }, t);
            await c.ExecuteAsync("DELETE FROM settings WHERE name = @name", new { name = CreatedKey(scimId) }, t);
            var version = await OrgStore.BumpAsync(scope);
            await scope.AuditAsync("scim.user-deleted", actor, new JsonObject
            {
                ["scimId"] = scimId,
                ["person"] = row.Id,
                ["userName"] = row.UserName,
                ["teams"] = ScimJson.Array(left.Select(x => (JsonNode)x)),
                ["version"] = version,
            });
            return 0;
        }, time.GetUtcNow(), cancellation);

    // ---- Groups ----

    public Task<JsonObject> ListGroupsAsync(ScimFilter? filter, int startIndex, int count, bool includeMembers, string baseUrl, CancellationToken cancellation) =>
        database.ReadAsync(async c =>
        {
            var rows = (await c.QueryAsync<TeamRow>($"SELECT {TeamColumns} FROM teams WHERE scim_id IS NOT NULL ORDER BY id")).ToList();
            var filterOnMembers = filter?.Comparisons.Any(x => x.Attribute.StartsWith("members", StringComparison.OrdinalIgnoreCase)) == true;
            var members = includeMembers || filterOnMembers ? await MembersAsync(c, null) : null;
            var matching = filter is null ? rows : rows.Where(r => filter.Matches(RenderGroup(r, null, MembersOf(members, r.Id), baseUrl))).ToList();
            var page = matching.Skip(startIndex - 1).Take(count).ToList();
            var created = await CreatedAsync(c, null, page.Select(r => r.ScimId!));
            var resources = page.Select(r => RenderGroup(r, created.GetValueOrDefault(r.ScimId!), includeMembers ? MembersOf(members, r.Id) : null, baseUrl)).ToList();
            return ScimSchemas.List(resources, matching.Count, startIndex);
        }, cancellation);

    public Task<JsonObject> GetGroupAsync(string scimId, bool includeMembers, string baseUrl, CancellationToken cancellation) =>
        database.ReadAsync(async c => await RenderGroupAsync(c, null, await GroupRowAsync(c, null, scimId), includeMembers, baseUrl), cancellation);

    public Task<JsonObject> CreateGroupAsync(JsonObject body, string actor, string baseUrl, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var (c, t) = (scope.Connection, scope.Transaction);
            var input = ReadGroup(body, MaxMembers);
            var teams = (await c.QueryAsync<TeamRow>($"SELECT {TeamColumns} FROM teams", transaction: t)).ToList();
            EnsureUniqueDisplayName(teams, input.DisplayName, null);
            var slug = TeamStem(input.DisplayName);
            var linked = teams.Where(r => r.ScimId is null)
                .Where(r => r.Id == slug || string.Equals(r.Team().Name, input.DisplayName, StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.Id == slug ? 0 : 1)
                .FirstOrDefault();
            var team = linked is null
                ? new Team(Unique(slug, teams.Select(r => r.Id).ToHashSet(StringComparer.Ordinal)), input.DisplayName)
                : linked.Team() with { Name = input.DisplayName };
            var scimId = Guid.NewGuid().ToString("n");
            await UpsertTeamAsync(scope, team, scimId, input.ExternalId);
            await OrgStore.SetSettingAsync(scope, CreatedKey(scimId), Db.Time(scope.Now));
            // Without members the group asserts none, so a team it links to keeps the members it has.
            var (added, removed) = input.Members is null ? ([], []) : await SetMembersAsync(scope, team.Id, input.Members);
            var version = await OrgStore.BumpAsync(scope);
            var audit = GroupAudit(scimId, team, input.ExternalId, added, removed, version);
            audit["linked"] = linked is not null;
            await scope.AuditAsync("scim.group-created", actor, audit);
            return await RenderGroupAsync(c, t, await GroupRowAsync(c, t, scimId), true, baseUrl);
        }, time.GetUtcNow(), cancellation);

    public Task<JsonObject> ReplaceGroupAsync(string scimId, JsonObject body, string actor, string baseUrl, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var row = await GroupRowAsync(scope.Connection, scope.Transaction, scimId);
            // A PUT without members leaves them as they are: an omitted attribute is not asserted (RFC 7644 §3.5.1),
            // and reading it as "no members" would empty a team on a rename.
            return await UpdateGroupAsync(scope, row, ReadGroup(body, MaxMembers), absentMembersMeanNone: false, actor, baseUrl);
        }, time.GetUtcNow(), cancellation);

    public Task<JsonObject> PatchGroupAsync(string scimId, JsonObject patch, string actor, string baseUrl, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var (c, t) = (scope.Connection, scope.Transaction);
            var row = await GroupRowAsync(c, t, scimId);
            var resource = RenderGroup(row, null, MembersOf(await MembersAsync(c, t), row.Id), baseUrl);
            ScimPatch.Apply(resource, patch, [], MaxPatchValues);
            return await UpdateGroupAsync(scope, row, ReadGroup(resource, int.MaxValue), absentMembersMeanNone: true, actor, baseUrl);
        }, time.GetUtcNow(), cancellation);

    public Task DeleteGroupAsync(string scimId, string actor, CancellationToken cancellation) =>
        database.WriteAsync(async scope =>
        {
            var (c, t) = (scope.Connection, scope.Transaction);
            var row = await GroupRowAsync(c, t, scimId);
            var removed = new List<string>();
            foreach (var person in await c.QueryAsync<PersonRow>($"SELECT {PersonColumns} FROM people ORDER BY id", transaction: t))
            {
                var p = person.Person();
                if (p.Teams.Contains(row.Id, StringComparer.Ordinal))
                {
                    await OrgStore.UpsertPersonAsync(scope, p with { Teams = p.Teams.Where(x => x != row.Id).ToList() }, person.Active != 0);
                    removed.Add(p.Id);
                }
            }

            await c.ExecuteAsync("DELETE FROM teams WHERE id = @id", new { id = row.Id }, t);
            await c.ExecuteAsync("DELETE FROM settings WHERE name = @name", new { name = CreatedKey(scimId) }, t);
            var version = await OrgStore.BumpAsync(scope);
            await scope.AuditAsync("scim.group-deleted", actor, new JsonObject
            {
                ["scimId"] = scimId,
                ["team"] = row.Id,
                ["displayName"] = row.Team().Name,
                ["removed"] = ScimJson.Array(removed.Select(r => (JsonNode)r)),
                ["version"] = version,
            });
            return 0;
        }, time.GetUtcNow(), cancellation);

    // ---- Users: reading, storing, rendering ----

    private UserInput ReadUser(JsonObject body, IReadOnlyList<string> levels)
    {
        var userName = ScimJson.String(ScimJson.Get(body, "userName"), "userName", MaxUserName) ?? throw ScimException.Invalid("userName: is required");
        var externalId = ScimJson.String(ScimJson.Get(body, "externalId"), "externalId", MaxExternalId);
        var displayName = ScimJson.String(ScimJson.Get(body, "displayName"), "displayName", MaxName);
        var nameNode = ScimJson.Get(body, "name");
        if (nameNode is not (null or JsonObject))
        {
            throw ScimException.Invalid("name: must be an object");
        }

        var name = nameNode as JsonObject;
        var formatted = name is null ? null : ScimJson.String(ScimJson.Get(name, "formatted"), "name.formatted", MaxName);
        var given = name is null ? null : ScimJson.String(ScimJson.Get(name, "givenName"), "name.givenName", MaxName);
        var family = name is null ? null : ScimJson.String(ScimJson.Get(name, "familyName"), "name.familyName", MaxName);
        var joined = string.Join(' ', new[] { given, family }.Where(s => s is not null));

        var emailNodes = ScimJson.Items(ScimJson.Get(body, "emails")).ToList();
        if (emailNodes.Count > MaxEmails)
        {
            throw ScimException.Invalid($"emails: at most {MaxEmails} addresses");
        }

        var emails = new List<(string Value, bool Primary)>();
        for (var i = 0; i < emailNodes.Count; i++)
        {
            var node = emailNodes[i];
            var value = node is JsonObject o ? ScimJson.String(ScimJson.Get(o, "value"), $"emails[{i}].value", MaxEmail) : ScimJson.String(node, $"emails[{i}]", MaxEmail);
            var primary = node is JsonObject p && ScimJson.Bool(ScimJson.Get(p, "primary"), $"emails[{i}].primary") == true;
            if (value is null)
            {
                continue;
            }

            if (value.Any(char.IsWhiteSpace) || value.IndexOf('@', StringComparison.Ordinal) is <= 0 || value.EndsWith('@'))
            {
                throw ScimException.Invalid($"emails[{i}].value: '{ScimFilter.Bound(value)}' is not an e-mail address");
            }

            emails.Add((value, primary));
        }

        var ordered = emails.OrderBy(e => e.Primary ? 0 : 1).Select(e => e.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var levelValue = LevelValue(body);
        var level = levelValue is null ? null : levels.FirstOrDefault(l => string.Equals(l, levelValue, StringComparison.OrdinalIgnoreCase));
        return new UserInput(
            userName, externalId, displayName ?? formatted ?? (joined.Length > 0 ? joined : null) ?? userName, ordered, level, levelValue,
            ScimJson.Bool(ScimJson.Get(body, "active"), "active"));
    }

    /// <summary>The level attribute's value; a value that is not a short string is no level rather than an error.</summary>
    private string? LevelValue(JsonObject body)
    {
        var container = LevelSchema is null ? body : ScimJson.Get(body, LevelSchema) as JsonObject;
        return container is not null && ScimJson.Get(container, LevelName) is JsonValue value && value.TryGetValue<string>(out var text)
            && text.Trim() is { Length: > 0 and <= MaxName } trimmed
            ? trimmed
            : null;
    }

    private async Task<JsonObject> UpdateUserAsync(WriteScope scope, PersonRow row, UserInput input, string actor, string baseUrl)
    {
        await EnsureUniqueUserNameAsync(scope, input.UserName, row.Id);
        var person = row.Person() with { Name = input.Name, Emails = input.Emails, Level = input.Level };
        var wasActive = row.Active != 0;
        var active = input.Active ?? wasActive;
        await EnsureUniqueIdentitiesAsync(scope, person, active);
        await OrgStore.UpsertPersonAsync(scope, person, active, row.ScimId, input.ExternalId, input.UserName);
        await SetIdentityAsync(scope, row.Id, input.ExternalId, input.UserName);
        var version = await OrgStore.BumpAsync(scope);
        await scope.AuditAsync(wasActive && !active ? "scim.user-deactivated" : "scim.user-updated", actor, UserAudit(row.ScimId!, person, input, active, version));
        return await RenderUserAsync(scope.Connection, scope.Transaction, row.ScimId!, baseUrl);
    }

    private static JsonObject UserAudit(string scimId, Person person, UserInput input, bool active, long version) => new()
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

    private static async Task EnsureUniqueUserNameAsync(WriteScope scope, string userName, string? exceptPerson)
    {
        var clash = await scope.Connection.QueryFirstOrDefaultAsync<string?>(
            "SELECT id FROM people WHERE scim_id IS NOT NULL AND LOWER(user_name) = LOWER(@userName) AND id <> @except",
            new { userName, except = exceptPerson ?? "" }, scope.Transaction);
        if (clash is not null)
        {
            throw ScimException.Uniqueness($"userName '{userName}' is already provisioned (person {clash})");
        }
    }

    /// <summary>
    /// The directory's one uniqueness check (<see cref="IdentityClaims"/>, as for org.yaml): an active person may share no
    /// e-mail, handle or no-reply address with anyone else in the directory. Deactivating is always allowed.
    /// </summary>
    private static async Task EnsureUniqueIdentitiesAsync(WriteScope scope, Person person, bool active)
    {
        if (!active)
        {
            return;
        }

        var directory = await OrgStore.LoadAsync(scope.Connection, scope.Transaction);
        if (IdentityClaims.ConflictsOf(directory, person) is { Count: > 0 } conflicts)
        {
            throw ScimException.Uniqueness($"{string.Join("; ", conflicts)}; two people may not share an identity");
        }
    }

    /// <summary>
    /// The person not yet provisioned with one of <paramref name="emails"/>: the primary address first, then any; an
    /// active person before an inactive one.
    /// </summary>
    private static async Task<PersonRow?> FindByEmailAsync(WriteScope scope, IReadOnlyList<string> emails)
    {
        if (emails.Count == 0)
        {
            return null;
        }

        var candidates = await scope.Connection.QueryAsync<PersonRow>($"SELECT {PersonColumns} FROM people WHERE scim_id IS NULL ORDER BY id", transaction: scope.Transaction);
        return candidates
            .Select(r => (Row: r, Emails: r.Person().Emails))
            .Select(x => (x.Row, Rank: x.Emails.Contains(emails[0], StringComparer.OrdinalIgnoreCase) ? 0 : x.Emails.Any(e => emails.Contains(e, StringComparer.OrdinalIgnoreCase)) ? 1 : 2))
            .Where(x => x.Rank < 2)
            .OrderBy(x => x.Rank).ThenBy(x => x.Row.Active != 0 ? 0 : 1)
            .Select(x => x.Row)
            .FirstOrDefault();
    }

    private static async Task SetIdentityAsync(WriteScope scope, string personId, string? externalId, string userName) =>
        await scope.Connection.ExecuteAsync(
            "UPDATE people SET external_id = @externalId, user_name = @userName WHERE id = @personId",
            new { personId, externalId, userName }, scope.Transaction);

    private static async Task<PersonRow> UserRowAsync(DbConnection c, DbTransaction? t, string scimId) =>
        await c.QueryFirstOrDefaultAsync<PersonRow>($"SELECT {PersonColumns} FROM people WHERE scim_id = @scimId", new { scimId }, t)
            ?? throw ScimException.NotFound($"no user with id {ScimFilter.Bound(scimId)}");

    private async Task<JsonObject> RenderUserAsync(DbConnection c, DbTransaction? t, string scimId, string baseUrl)
    {
        var row = await UserRowAsync(c, t, scimId);
        return (await RenderUsersAsync(c, t, [row], await LinkedTeamsAsync(c, t), baseUrl))[0];
    }

    private async Task<List<JsonObject>> RenderUsersAsync(DbConnection c, DbTransaction? t, IReadOnlyList<PersonRow> rows, IReadOnlyDictionary<string, TeamRow> teams, string baseUrl)
    {
        var created = await CreatedAsync(c, t, rows.Select(r => r.ScimId!));
        return rows.Select(r => RenderUser(r, created.GetValueOrDefault(r.ScimId!), teams, baseUrl)).ToList();
    }

    private JsonObject RenderUser(PersonRow row, string? created, IReadOnlyDictionary<string, TeamRow> teams, string baseUrl)
    {
        var person = row.Person();
        var location = $"{baseUrl}/Users/{row.ScimId}";
        var schemas = new JsonArray(ScimSchemas.User);
        var user = new JsonObject { ["schemas"] = schemas, ["id"] = row.ScimId };
        if (row.ExternalId is { } externalId)
        {
            user["externalId"] = externalId;
        }

        user["userName"] = row.UserName ?? person.Id;
        user["displayName"] = person.Name;
        user["name"] = new JsonObject { ["formatted"] = person.Name };
        if (person.Emails.Count > 0)
        {
            user["emails"] = ScimJson.Array(person.Emails.Select((e, i) => (JsonNode)(i == 0
                ? new JsonObject { ["value"] = e, ["type"] = "work", ["primary"] = true }
                : new JsonObject { ["value"] = e })));
        }

        user["active"] = row.Active != 0;
        var groups = person.Teams.Where(teams.ContainsKey).Select(id => teams[id]).ToList();
        if (groups.Count > 0)
        {
            user["groups"] = ScimJson.Array(groups.Select(g => (JsonNode)new JsonObject
            {
                ["value"] = g.ScimId,
                ["$ref"] = $"{baseUrl}/Groups/{g.ScimId}",
                ["display"] = g.Team().Name,
            }));
        }

        if (person.Level is { } level)
        {
            if (LevelSchema is null)
            {
                user[LevelName] = level;
            }
            else
            {
                schemas.Add(LevelSchema);
                user[LevelSchema] = new JsonObject { [LevelName] = level };
            }
        }

        user["meta"] = Meta("User", created ?? row.UpdatedAt, row.UpdatedAt, location);
        return user;
    }

    // ---- Groups: reading, storing, rendering ----

    private static GroupInput ReadGroup(JsonObject body, int maxMembers)
    {
        var displayName = ScimJson.String(ScimJson.Get(body, "displayName"), "displayName", MaxName) ?? throw ScimException.Invalid("displayName: is required");
        var externalId = ScimJson.String(ScimJson.Get(body, "externalId"), "externalId", MaxExternalId);
        var node = ScimJson.Get(body, "members");
        if (node is null)
        {
            return new GroupInput(displayName, externalId, null);
        }

        var items = ScimJson.Items(node).ToList();
        if (items.Count > maxMembers)
        {
            throw ScimException.TooMany($"members: at most {maxMembers} in one request; add more with PATCH");
        }

        var members = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is JsonObject o && ScimJson.String(ScimJson.Get(o, "type"), $"members[{i}].type", 20) is { } type && !string.Equals(type, "User", StringComparison.OrdinalIgnoreCase))
            {
                throw ScimException.Invalid($"members[{i}].type: only users can be members; nested groups are not supported");
            }

            var value = item is JsonObject member ? ScimJson.String(ScimJson.Get(member, "value"), $"members[{i}].value", 100) : ScimJson.String(item, $"members[{i}]", 100);
            members.Add(value ?? throw ScimException.Invalid($"members[{i}].value: is required"));
        }

        return new GroupInput(displayName, externalId, members.Distinct(StringComparer.Ordinal).ToList());
    }

    private async Task<JsonObject> UpdateGroupAsync(WriteScope scope, TeamRow row, GroupInput input, bool absentMembersMeanNone, string actor, string baseUrl)
    {
        var (c, t) = (scope.Connection, scope.Transaction);
        EnsureUniqueDisplayName((await c.QueryAsync<TeamRow>($"SELECT {TeamColumns} FROM teams WHERE scim_id IS NOT NULL", transaction: t)).ToList(), input.DisplayName, row.Id);
        var team = row.Team() with { Name = input.DisplayName };
        await UpsertTeamAsync(scope, team, row.ScimId!, input.ExternalId);
        var members = input.Members ?? (absentMembersMeanNone ? [] : null);
        var (added, removed) = members is null ? ([], []) : await SetMembersAsync(scope, team.Id, members);
        var version = await OrgStore.BumpAsync(scope);
        await scope.AuditAsync("scim.group-updated", actor, GroupAudit(row.ScimId!, team, input.ExternalId, added, removed, version));
        return await RenderGroupAsync(c, t, await GroupRowAsync(c, t, row.ScimId!), true, baseUrl);
    }

    private static JsonObject GroupAudit(string scimId, Team team, string? externalId, List<string> added, List<string> removed, long version) => new()
    {
        ["scimId"] = scimId,
        ["team"] = team.Id,
        ["displayName"] = team.Name,
        ["externalId"] = externalId,
        ["added"] = ScimJson.Array(added.Select(a => (JsonNode)a)),
        ["removed"] = ScimJson.Array(removed.Select(r => (JsonNode)r)),
        ["version"] = version,
    };

    private static void EnsureUniqueDisplayName(IEnumerable<TeamRow> teams, string displayName, string? exceptTeam)
    {
        if (teams.FirstOrDefault(r => r.ScimId is not null && r.Id != exceptTeam && string.Equals(r.Team().Name, displayName, StringComparison.OrdinalIgnoreCase)) is { } clash)
        {
            throw ScimException.Uniqueness($"displayName '{displayName}' is already provisioned (team {clash.Id})");
        }
    }

    /// <summary>
    /// Makes the SCIM users in <paramref name="memberScimIds"/> exactly the SCIM users in the team: adds the team to
    /// their teams and takes it from other SCIM users' teams. People never provisioned keep their teams.
    /// </summary>
    private static async Task<(List<string> Added, List<string> Removed)> SetMembersAsync(WriteScope scope, string teamId, IReadOnlyCollection<string> memberScimIds)
    {
        var rows = (await scope.Connection.QueryAsync<PersonRow>($"SELECT {PersonColumns} FROM people WHERE scim_id IS NOT NULL ORDER BY id", transaction: scope.Transaction)).ToList();
        var byScimId = rows.ToDictionary(r => r.ScimId!, StringComparer.Ordinal);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in memberScimIds)
        {
            wanted.Add(byScimId.TryGetValue(member, out var row) ? row.Id : throw ScimException.Invalid($"members: no user with id {ScimFilter.Bound(member)}"));
        }

        var (added, removed) = (new List<string>(), new List<string>());
        foreach (var row in rows)
        {
            var person = row.Person();
            var has = person.Teams.Contains(teamId, StringComparer.Ordinal);
            var want = wanted.Contains(row.Id);
            if (has == want)
            {
                continue;
            }

            var teams = want ? [.. person.Teams, teamId] : person.Teams.Where(x => x != teamId).ToList();
            await OrgStore.UpsertPersonAsync(scope, person with { Teams = teams }, row.Active != 0);
            (want ? added : removed).Add(row.Id);
        }

        return (added, removed);
    }

    private static async Task UpsertTeamAsync(WriteScope scope, Team team, string scimId, string? externalId) =>
        await scope.Connection.ExecuteAsync(
            """
            INSERT INTO teams (id, scim_id, external_id, data, updated_at) VALUES (@id, @scimId, @externalId, @data, @now)
            ON CONFLICT (id) DO UPDATE SET scim_id = excluded.scim_id, external_id = excluded.external_id, data = excluded.data, updated_at = excluded.updated_at
            """,
            new { id = team.Id, scimId, externalId, data = JsonSerializer.Serialize(team, OrgStore.Json), now = Db.Time(scope.Now) },
            scope.Transaction);

    private static async Task<TeamRow> GroupRowAsync(DbConnection c, DbTransaction? t, string scimId) =>
        await c.QueryFirstOrDefaultAsync<TeamRow>($"SELECT {TeamColumns} FROM teams WHERE scim_id = @scimId", new { scimId }, t)
            ?? throw ScimException.NotFound($"no group with id {ScimFilter.Bound(scimId)}");

    private async Task<JsonObject> RenderGroupAsync(DbConnection c, DbTransaction? t, TeamRow row, bool includeMembers, string baseUrl)
    {
        var created = await CreatedAsync(c, t, [row.ScimId!]);
        var members = includeMembers ? MembersOf(await MembersAsync(c, t), row.Id) : null;
        return RenderGroup(row, created.GetValueOrDefault(row.ScimId!), members, baseUrl);
    }

    private static JsonObject RenderGroup(TeamRow row, string? created, IReadOnlyList<PersonRow>? members, string baseUrl)
    {
        var group = new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.Group), ["id"] = row.ScimId };
        if (row.ExternalId is { } externalId)
        {
            group["externalId"] = externalId;
        }

        group["displayName"] = row.Team().Name;
        if (members is not null)
        {
            group["members"] = ScimJson.Array(members.Select(m => (JsonNode)new JsonObject
            {
                ["value"] = m.ScimId,
                ["$ref"] = $"{baseUrl}/Users/{m.ScimId}",
                ["display"] = m.Person().Name,
                ["type"] = "User",
            }));
        }

        group["meta"] = Meta("Group", created ?? row.UpdatedAt, row.UpdatedAt, $"{baseUrl}/Groups/{row.ScimId}");
        return group;
    }

    /// <summary>SCIM users by the teams they are in.</summary>
    private static async Task<Dictionary<string, List<PersonRow>>> MembersAsync(DbConnection c, DbTransaction? t)
    {
        var members = new Dictionary<string, List<PersonRow>>(StringComparer.Ordinal);
        foreach (var row in await c.QueryAsync<PersonRow>($"SELECT {PersonColumns} FROM people WHERE scim_id IS NOT NULL ORDER BY id", transaction: t))
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

    // ---- Shared ----

    private static async Task<IReadOnlyList<string>> LevelsAsync(DbConnection c, DbTransaction? t) =>
        await OrgStore.SettingAsync(c, t, "org_levels") is { } text
            ? JsonSerializer.Deserialize<List<string>>(text, OrgStore.Json) ?? [.. OrgDirectory.DefaultLevels]
            : OrgDirectory.DefaultLevels;

    private static async Task<Dictionary<string, TeamRow>> LinkedTeamsAsync(DbConnection c, DbTransaction? t) =>
        (await c.QueryAsync<TeamRow>($"SELECT {TeamColumns} FROM teams WHERE scim_id IS NOT NULL", transaction: t)).ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>When resources were created (kept as settings: the tables record only the last change).</summary>
    private async Task<Dictionary<string, string>> CreatedAsync(DbConnection c, DbTransaction? t, IEnumerable<string> scimIds)
    {
        var names = scimIds.Select(CreatedKey).ToArray();
        if (names.Length == 0)
        {
            return [];
        }

        // Dapper expands a list into IN (…) for SQLite but passes it to Npgsql as one array parameter.
        var sql = database.Kind == DatabaseKind.PostgreSql
            ? "SELECT name, value FROM settings WHERE name = ANY(@names)"
            : "SELECT name, value FROM settings WHERE name IN @names";
        var rows = await c.QueryAsync<(string Name, string Value)>(sql, new { names }, t);
        return rows.ToDictionary(r => r.Name["scim_created:".Length..], r => r.Value, StringComparer.Ordinal);
    }

    private static string CreatedKey(string scimId) => $"scim_created:{scimId}";

    private static JsonObject Meta(string resourceType, string created, string lastModified, string location) => new()
    {
        ["resourceType"] = resourceType,
        ["created"] = ScimJson.Time(Db.ParseTime(created)),
        ["lastModified"] = ScimJson.Time(Db.ParseTime(lastModified)),
        ["location"] = location,
    };

    /// <summary>The person id a userName suggests: its local part, lower-cased, only <c>[a-z0-9._-]</c>.</summary>
    internal static string PersonStem(string userName)
    {
        var local = userName.Split('@')[0].ToLowerInvariant();
        var id = new string(local.Where(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-').ToArray()).Trim('.', '_', '-');
        id = id.Length > MaxId ? id[..MaxId] : id;
        return id.Length == 0 ? "user" : id;
    }

    /// <summary>The team id a displayName suggests: lower-case words of <c>[a-z0-9]</c> joined by '-'.</summary>
    internal static string TeamStem(string displayName)
    {
        var slug = new StringBuilder();
        foreach (var ch in displayName.ToLowerInvariant())
        {
            if (ch is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                slug.Append(ch);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var id = slug.ToString().Trim('-');
        id = id.Length > MaxId ? id[..MaxId].Trim('-') : id;
        return id.Length == 0 ? "team" : id;
    }

    /// <summary><paramref name="stem"/>, or with the first numeric suffix (2, 3, …) not in <paramref name="taken"/>.</summary>
    private static string Unique(string stem, HashSet<string> taken)
    {
        if (!taken.Contains(stem))
        {
            return stem;
        }

        for (var n = 2; ; n++)
        {
            if (!taken.Contains($"{stem}{n}"))
            {
                return $"{stem}{n}";
            }
        }
    }

    private sealed record UserInput(string UserName, string? ExternalId, string Name, IReadOnlyList<string> Emails, string? Level, string? LevelValue, bool? Active);

    private sealed record GroupInput(string DisplayName, string? ExternalId, IReadOnlyList<string>? Members);

    /// <summary>A row of <c>people</c>.</summary>
    internal sealed class PersonRow
    {
        public string Id { get; set; } = "";

        public string? ScimId { get; set; }

        public string? ExternalId { get; set; }

        public string? UserName { get; set; }

        public long Active { get; set; }

        public string Data { get; set; } = "";

        public string UpdatedAt { get; set; } = "";

        public Person Person() => JsonSerializer.Deserialize<Person>(Data, OrgStore.Json)!;
    }

    /// <summary>A row of <c>teams</c>.</summary>
    internal sealed class TeamRow
    {
        public string Id { get; set; } = "";

        public string? ScimId { get; set; }

        public string? ExternalId { get; set; }

        public string Data { get; set; } = "";

        public string UpdatedAt { get; set; } = "";

        public Team Team() => JsonSerializer.Deserialize<Team>(Data, OrgStore.Json)!;
    }
}
