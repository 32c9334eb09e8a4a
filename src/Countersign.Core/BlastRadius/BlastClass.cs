using System.Text.Json.Serialization;

namespace Countersign.Core.BlastRadius;

/// <summary>How far a change can break things, ordered from least to most.</summary>
[JsonConverter(typeof(Countersign.Core.Json.StrictEnumConverter<BlastClass>))]
public enum BlastClass
{
    /// <summary>Touches no component and no special scope (docs, tests outside any service).</summary>
    [JsonStringEnumMemberName("contained")] Contained,

    /// <summary>One component and nothing that depends on it.</summary>
    [JsonStringEnumMemberName("service")] Service,

    /// <summary>Several components, or dependents reached, or a widening scope.</summary>
    [JsonStringEnumMemberName("multi-service")] MultiService,

    /// <summary>A tier-1 component touched, organisation-wide configuration, or a score over the critical threshold.</summary>
    [JsonStringEnumMemberName("critical")] Critical,
}
