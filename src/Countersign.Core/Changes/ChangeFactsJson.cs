using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Countersign.Core.Organisation;

namespace Countersign.Core.Changes;

/// <summary>
/// The wire form of <see cref="ChangeFacts"/> between the CLI (which has the repository) and the server (which has the
/// sign-offs): plain System.Text.Json over the records, enums by name. The server never trusts the client's identity
/// resolution: <see cref="Rebind"/> resolves every participant again against the server's own directory.
/// </summary>
public static class ChangeFactsJson
{
    /// <summary>camelCase, enums as strings, no nulls written; relaxed escaping because the output is data, not HTML.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new Json.StrictEnumConverterFactory() },
        MaxDepth = 64,
    };

    public static string Serialize(ChangeFacts facts) => JsonSerializer.Serialize(facts, Options);

    /// <summary>Reads facts written by <see cref="Serialize"/>; throws <see cref="JsonException"/> on malformed input.</summary>
    /// <param name="json">The document.</param>
    public static ChangeFacts Deserialize(string json) =>
        JsonSerializer.Deserialize<ChangeFacts>(json, Options) ?? throw new JsonException("the change is null");

    /// <summary>
    /// The facts with every participant resolved again by <paramref name="resolver"/> from the identity git recorded.
    /// A participant without a recorded identity cannot be vouched for and becomes unresolved, so it never counts as
    /// anyone in the directory.
    /// </summary>
    /// <param name="facts">Facts as the client sent them.</param>
    /// <param name="resolver">The server's directory (and the repository's .mailmap).</param>
    public static ChangeFacts Rebind(ChangeFacts facts, IdentityResolver resolver) => facts with
    {
        Participants = facts.Participants.Select(p => p with
        {
            Match = p.Identity is { } identity
                ? resolver.Resolve(identity)
                : IdentityMatch.Unresolved(p.Display, "no recorded identity to resolve"),
        }).ToList(),
    };
}
