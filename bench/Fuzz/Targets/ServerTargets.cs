using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Countersign.Contracts;
using Countersign.Server;
using Countersign.Server.Evaluation;
using Countersign.Server.Scim;

namespace Countersign.Fuzz;

/// <summary>
/// The server's parsers of request input. Their documented bad-input outcomes: <see cref="ScimException"/> (a SCIM
/// error response), <see cref="JsonException"/> (the API turns it into a 400 naming the path) and a
/// <see cref="Problem"/> returned as a value (a 4xx ProblemDetails).
/// </summary>
internal static class ServerTargets
{
    private const string User = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "id":"2819c223","externalId":"e-1","userName":"dana@acme.example","name":{"formatted":"Dana Mid","givenName":"Dana"},
         "displayName":"Dana Mid","active":true,"title":"mid",
         "emails":[{"value":"dana@acme.example","type":"work","primary":true},{"value":"d@home.example","type":"home"}],
         "groups":[{"value":"g1","display":"payments"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"erin"},"department":"payments"},
         "meta":{"resourceType":"User"}}
        """;

    private static readonly string[] Allowed = ["userName", "externalId", "emails.value", "displayName", "id"];

    private static readonly JsonSerializerOptions Api = ApiOptions();

    private static readonly string[] ScimTokens =
    [
        " eq ", " and ", " or ", " ne ", " co ", " pr", "not ", "(", ")", "[", "]", "\"", "\\\"", ".", ":", "userName", "emails[type eq \"work\"].value",
        "urn:ietf:params:scim:schemas:core:2.0:User:", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "members[value eq \"x\"]",
        "\"op\":\"remove\"", "\"op\":\"add\"", "\"op\":\"replace\"", "\"path\":", "\"value\":", "\"Operations\":[", "true", "\"True\"", "null",
    ];

    private static readonly string[] ApiTokens =
    [
        "\"kind\":", "\"approve\"", "\"break-glass\"", "2", "\"patchId\":", "\"facts\":", "\"policy\":", "\"files\":", "\"commits\":", "\"mailmap\":",
        "\"changes\":", "\"expiresInDays\":", "\"repository\":", "\"text\":", "\"source\":", "\"$type\":",
    ];

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("scim-filter", ScimFilterInput, e => e is ScimException, ScimTokens),
        new("scim-patch", ScimPatchInput, e => e is ScimException or JsonException, [.. ScimTokens, .. FuzzTokens.Json]),
        new("api-bodies", ApiBody, e => e is JsonException, [.. ApiTokens, .. FuzzTokens.Json]),
    ];

    private static JsonSerializerOptions ApiOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServerHost.ConfigureJson(options);
        return options;
    }

    private static void ScimFilterInput(string text)
    {
        var resource = JsonNode.Parse(User)!.AsObject();
        try
        {
            ScimFilter.Parse(text, Allowed).Matches(resource);
        }
        catch (ScimException)
        {
        }

        var filter = ScimFilter.Parse(text, null);
        filter.Matches(resource);
        filter.ValueOf("userName");
    }

    private static void ScimPatchInput(string text)
    {
        // As ScimJson reads a body: UTF-8 bytes, depth 64, duplicate properties refused.
        if (JsonNode.Parse(Encoding.UTF8.GetBytes(text), null, new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false }) is not JsonObject request)
        {
            return;
        }

        var resource = JsonNode.Parse(User)!.AsObject();
        ScimPatch.Apply(resource, request, [ScimSchemas.EnterpriseUser], 5_000);
    }

    private static void ApiBody(string text)
    {
        Body<ChangeRegistration>(text, body => Validation.Check(body));
        Body<SignOffRequest>(text, body => Validation.Check(body));
        Body<DeployRequest>(text, body => Validation.Check(body));
        Body<TokenRequest>(text, _ => { });
    }

    /// <summary>Deserialises and validates as the endpoint does; one type's rejection does not stop the next.</summary>
    private static void Body<T>(string text, Action<T> check)
        where T : class
    {
        try
        {
            if (JsonSerializer.Deserialize<T>(Encoding.UTF8.GetBytes(text), Api) is { } body)
            {
                check(body);
            }
        }
        catch (JsonException)
        {
        }
    }
}
