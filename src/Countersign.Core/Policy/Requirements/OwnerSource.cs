using System.Text.Json.Serialization;

namespace Countersign.Core.Policy.Requirements;

/// <summary>Where an approver's ownership may come from.</summary>
[JsonConverter(typeof(Countersign.Core.Json.StrictEnumConverter<OwnerSource>))]
public enum OwnerSource
{
    /// <summary>Owners (catalog <c>spec.owner</c>) of the components the change touches.</summary>
    [JsonStringEnumMemberName("affected")]
    Affected,

    /// <summary>Owners of the components that depend on a touched one (the consumers who feel a break).</summary>
    [JsonStringEnumMemberName("consumers")]
    Consumers,

    /// <summary>CODEOWNERS owners of the changed paths.</summary>
    [JsonStringEnumMemberName("codeowners")]
    Codeowners,
}
