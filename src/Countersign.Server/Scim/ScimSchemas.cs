using System.Text.Json.Nodes;

namespace Countersign.Server.Scim;

/// <summary>
/// Schema URNs and the discovery documents (RFC 7644 §4): ServiceProviderConfig, ResourceTypes and Schemas,
/// describing exactly what this server reads and returns.
/// </summary>
internal static class ScimSchemas
{
    public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string Error = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string ServiceProviderConfigSchema = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public const string ResourceTypeSchema = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public const string SchemaSchema = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    /// <summary>The most resources one list response holds (a larger <c>count</c> is cut to this).</summary>
    public const int MaxResults = 500;

    public static JsonObject ErrorDocument(int status, string? scimType, string detail)
    {
        var error = new JsonObject
        {
            ["schemas"] = new JsonArray(Error),
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (scimType is not null)
        {
            error["scimType"] = scimType;
        }

        error["detail"] = detail;
        return error;
    }

    public static JsonObject List(IReadOnlyList<JsonObject> resources, long total, int startIndex) => new()
    {
        ["schemas"] = new JsonArray(ListResponse),
        ["totalResults"] = total,
        ["startIndex"] = startIndex,
        ["itemsPerPage"] = resources.Count,
        ["Resources"] = ScimJson.Array(resources),
    };

    public static JsonObject ServiceProviderConfig(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ServiceProviderConfigSchema),
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = MaxResults },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = false },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Bearer token",
            ["description"] = "A Countersign API token with the admin scope: Authorization: Bearer cst_…",
            ["primary"] = true,
        }),
        ["meta"] = Meta("ServiceProviderConfig", $"{baseUrl}/ServiceProviderConfig"),
    };

    /// <summary>The User and Group resource types; User names <paramref name="levelSchema"/> as an optional extension.</summary>
    /// <param name="baseUrl">The SCIM base URL.</param>
    /// <param name="levelSchema">The extension schema carrying a person's level, if it is not the core schema.</param>
    public static IReadOnlyList<JsonObject> ResourceTypes(string baseUrl, string? levelSchema)
    {
        var user = ResourceType(baseUrl, "User", "/Users", "A person in the Countersign org directory", User);
        var extensions = new JsonArray(new JsonObject { ["schema"] = EnterpriseUser, ["required"] = false });
        if (levelSchema is not null && !string.Equals(levelSchema, EnterpriseUser, StringComparison.OrdinalIgnoreCase))
        {
            extensions.Add(new JsonObject { ["schema"] = levelSchema, ["required"] = false });
        }

        user["schemaExtensions"] = extensions;
        return [user, ResourceType(baseUrl, "Group", "/Groups", "A team in the Countersign org directory", Group)];
    }

    /// <summary>The schemas of the attributes this server reads and returns.</summary>
    /// <param name="baseUrl">The SCIM base URL.</param>
    /// <param name="levelSchema">The schema of the level attribute (null: the core User schema).</param>
    /// <param name="levelAttribute">The level attribute's name.</param>
    public static IReadOnlyList<JsonObject> Schemas(string baseUrl, string? levelSchema, string levelAttribute)
    {
        var level = Attribute(levelAttribute, "string", "The person's level in the organisation, matched case-insensitively against the directory's levels; an unknown value leaves the person without a level.");
        var userAttributes = new JsonArray(
            Attribute("userName", "string", "Unique identifier for the user, typically the sign-in name; the part before '@' becomes the person id.", required: true, uniqueness: "server"),
            Complex("name", "The components of the user's name.", false,
                Attribute("formatted", "string", "The full name."),
                Attribute("familyName", "string", "The family name."),
                Attribute("givenName", "string", "The given name.")),
            Attribute("displayName", "string", "The name shown for the user; the person's name in the directory."),
            Complex("emails", "E-mail addresses the person commits with.", true,
                Attribute("value", "string", "An e-mail address."),
                Attribute("type", "string", "A label such as work."),
                Attribute("primary", "boolean", "Whether this is the primary address.")),
            Attribute("active", "boolean", "Whether the person is active; an inactive person is not in the directory and can sign nothing."),
            Complex("groups", "The teams the person belongs to, managed through Groups.", true, mutability: "readOnly",
                sub: [Attribute("value", "string", "The group's id.", mutability: "readOnly"),
                    Attribute("$ref", "reference", "The group's URI.", mutability: "readOnly"),
                    Attribute("display", "string", "The group's name.", mutability: "readOnly")]));
        if (levelSchema is null)
        {
            userAttributes.Add(level);
        }

        var schemas = new List<JsonObject>
        {
            Schema(baseUrl, User, "User", "User Account", userAttributes),
            Schema(baseUrl, Group, "Group", "Group", new JsonArray(
                Attribute("displayName", "string", "The group's name; the team's name in the directory.", required: true),
                Complex("members", "The users in the group.", true,
                    Attribute("value", "string", "The member's user id.", mutability: "immutable"),
                    Attribute("$ref", "reference", "The member's URI.", mutability: "immutable"),
                    Attribute("display", "string", "The member's name.", mutability: "readOnly"),
                    Attribute("type", "string", "User.", mutability: "immutable")))),
        };
        if (levelSchema is not null)
        {
            schemas.Add(Schema(baseUrl, levelSchema, string.Equals(levelSchema, EnterpriseUser, StringComparison.OrdinalIgnoreCase) ? "EnterpriseUser" : "Extension", "Countersign's level attribute", new JsonArray(level)));
        }

        return schemas;
    }

    public static JsonObject Meta(string resourceType, string location) => new() { ["resourceType"] = resourceType, ["location"] = location };

    private static JsonObject ResourceType(string baseUrl, string name, string endpoint, string description, string schema) => new()
    {
        ["schemas"] = new JsonArray(ResourceTypeSchema),
        ["id"] = name,
        ["name"] = name,
        ["endpoint"] = endpoint,
        ["description"] = description,
        ["schema"] = schema,
        ["meta"] = Meta("ResourceType", $"{baseUrl}/ResourceTypes/{name}"),
    };

    private static JsonObject Schema(string baseUrl, string id, string name, string description, JsonArray attributes) => new()
    {
        ["schemas"] = new JsonArray(SchemaSchema),
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = attributes,
        ["meta"] = Meta("Schema", $"{baseUrl}/Schemas/{id}"),
    };

    private static JsonObject Attribute(string name, string type, string description, bool required = false, string mutability = "readWrite", string uniqueness = "none") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["multiValued"] = false,
        ["description"] = description,
        ["required"] = required,
        ["caseExact"] = false,
        ["mutability"] = mutability,
        ["returned"] = "default",
        ["uniqueness"] = uniqueness,
    };

    private static JsonObject Complex(string name, string description, bool multiValued, params JsonObject[] sub) =>
        Complex(name, description, multiValued, "readWrite", sub);

    private static JsonObject Complex(string name, string description, bool multiValued, string mutability, JsonObject[] sub) => new()
    {
        ["name"] = name,
        ["type"] = "complex",
        ["multiValued"] = multiValued,
        ["description"] = description,
        ["required"] = false,
        ["mutability"] = mutability,
        ["returned"] = "default",
        ["subAttributes"] = ScimJson.Array(sub),
    };
}
