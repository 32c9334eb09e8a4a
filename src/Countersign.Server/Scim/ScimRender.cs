using System.Text.Json.Nodes;
using Countersign.Data;

namespace Countersign.Server.Scim;

/// <summary>People and teams as SCIM User and Group resources (RFC 7643 §4), with <c>meta</c> and references under the SCIM base URL.</summary>
internal static class ScimRender
{
    public static JsonObject User(PersonRow row, string? created, IReadOnlyDictionary<string, TeamRow> teams, ScimLevel level, string baseUrl)
    {
        var person = row.Person();
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

        if (person.Level is { } value)
        {
            if (level.Schema is null)
            {
                user[level.Name] = value;
            }
            else
            {
                schemas.Add(level.Schema);
                user[level.Schema] = new JsonObject { [level.Name] = value };
            }
        }

        user["meta"] = Meta("User", created ?? row.UpdatedAt, row.UpdatedAt, $"{baseUrl}/Users/{row.ScimId}");
        return user;
    }

    public static JsonObject Group(TeamRow row, string? created, IReadOnlyList<PersonRow>? members, string baseUrl)
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

    private static JsonObject Meta(string resourceType, string created, string lastModified, string location) => new()
    {
        ["resourceType"] = resourceType,
        ["created"] = ScimJson.Time(Db.ParseTime(created)),
        ["lastModified"] = ScimJson.Time(Db.ParseTime(lastModified)),
        ["location"] = location,
    };
}
