using System.Text.Json.Nodes;

namespace Countersign.Server.Scim;

/// <summary>What a SCIM Group body says about a team: its displayName, externalId and, when given, its members' SCIM ids.</summary>
internal sealed record ScimGroupInput(string DisplayName, string? ExternalId, IReadOnlyList<string>? Members)
{
    /// <summary>Reads a Group body; throws <see cref="ScimException"/> naming the attribute that cannot be read.</summary>
    public static ScimGroupInput Read(JsonObject body, int maxMembers)
    {
        var displayName = ScimJson.String(ScimJson.Get(body, "displayName"), "displayName", ScimUserInput.MaxName) ?? throw ScimException.Invalid("displayName: is required");
        var externalId = ScimJson.String(ScimJson.Get(body, "externalId"), "externalId", ScimUserInput.MaxExternalId);
        var node = ScimJson.Get(body, "members");
        if (node is null)
        {
            return new ScimGroupInput(displayName, externalId, null);
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

        return new ScimGroupInput(displayName, externalId, members.Distinct(StringComparer.Ordinal).ToList());
    }
}
