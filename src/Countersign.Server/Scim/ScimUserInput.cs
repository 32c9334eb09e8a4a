using System.Text.Json.Nodes;

namespace Countersign.Server.Scim;

/// <summary>
/// What a SCIM User body says about a person: its userName, externalId, display name, e-mails (primary first), level
/// (one of the directory's levels; an unknown value is no level: missing data never grants seniority) and active flag.
/// </summary>
internal sealed record ScimUserInput(string UserName, string? ExternalId, string Name, IReadOnlyList<string> Emails, string? Level, string? LevelValue, bool? Active)
{
    public const int MaxUserName = 200;
    public const int MaxName = 256;
    public const int MaxExternalId = 256;
    public const int MaxEmail = 320;
    public const int MaxEmails = 20;

    /// <summary>Reads a User body; throws <see cref="ScimException"/> naming the attribute that cannot be read.</summary>
    public static ScimUserInput Read(JsonObject body, IReadOnlyList<string> levels, ScimLevel levelAttribute)
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

        var levelValue = ReadLevelValue(body, levelAttribute);
        var level = levelValue is null ? null : levels.FirstOrDefault(l => string.Equals(l, levelValue, StringComparison.OrdinalIgnoreCase));
        return new ScimUserInput(
            userName, externalId, displayName ?? formatted ?? (joined.Length > 0 ? joined : null) ?? userName, ReadEmails(body), level, levelValue,
            ScimJson.Bool(ScimJson.Get(body, "active"), "active"));
    }

    /// <summary>The e-mail addresses, the primary one first, without duplicates (case-insensitive).</summary>
    private static List<string> ReadEmails(JsonObject body)
    {
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

        return emails.OrderBy(e => e.Primary ? 0 : 1).Select(e => e.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The level attribute's value; a value that is not a short string is no level rather than an error.</summary>
    private static string? ReadLevelValue(JsonObject body, ScimLevel level)
    {
        var container = level.Schema is null ? body : ScimJson.Get(body, level.Schema) as JsonObject;
        return container is not null && ScimJson.Get(container, level.Name) is JsonValue value && value.TryGetValue<string>(out var text)
            && text.Trim() is { Length: > 0 and <= MaxName } trimmed
            ? trimmed
            : null;
    }
}
