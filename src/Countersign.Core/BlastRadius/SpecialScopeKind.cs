using System.Text.Json.Serialization;

namespace Countersign.Core.BlastRadius;

/// <summary>Kinds of paths whose changes reach further than the component that holds them.</summary>
[JsonConverter(typeof(Countersign.Core.Json.StrictEnumConverter<SpecialScopeKind>))]
public enum SpecialScopeKind
{
    [JsonStringEnumMemberName("org-config")] OrgConfig,
    [JsonStringEnumMemberName("shared-library")] SharedLibrary,
    [JsonStringEnumMemberName("schema-migration")] SchemaMigration,
    [JsonStringEnumMemberName("infrastructure")] Infrastructure,
    [JsonStringEnumMemberName("feature-flags")] FeatureFlags,
}
