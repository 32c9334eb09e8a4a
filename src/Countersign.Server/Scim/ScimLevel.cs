namespace Countersign.Server.Scim;

/// <summary>Where a person's level is in a SCIM User: the configured attribute, split into its schema and name.</summary>
internal sealed class ScimLevel
{
    public ScimLevel(ServerOptions options)
    {
        var (schema, name) = ScimPath.SplitSchema(options.ScimLevelAttribute.Trim());
        Schema = schema;
        Name = name;
        ExtensionSchemas = schema is null || string.Equals(schema, ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase)
            ? [ScimSchemas.EnterpriseUser]
            : [ScimSchemas.EnterpriseUser, schema];
    }

    /// <summary>The schema of the attribute carrying a person's level; null when it is a core User attribute.</summary>
    public string? Schema { get; }

    /// <summary>The name of the attribute carrying a person's level (the part of the URN path after the last ':').</summary>
    public string Name { get; }

    /// <summary>The extension schemas a User may carry (PATCH paths into them are accepted).</summary>
    public IReadOnlyList<string> ExtensionSchemas { get; }
}
