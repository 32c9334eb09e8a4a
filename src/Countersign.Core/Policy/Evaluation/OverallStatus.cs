using System.Text.Json.Serialization;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>The verdict on a change. Only <see cref="Satisfied"/> lets it through (exit code 0).</summary>
[JsonConverter(typeof(Countersign.Core.Json.StrictEnumConverter<OverallStatus>))]
public enum OverallStatus
{
    /// <summary>Every enforced rule is approved or skipped and no freeze applies (or the glass was broken).</summary>
    [JsonStringEnumMemberName("satisfied")]
    Satisfied,

    /// <summary>Some enforced rule still needs sign-offs.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>An eligible person rejected the change under an enforced rule.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,

    /// <summary>A freeze window applies and nobody broke the glass.</summary>
    [JsonStringEnumMemberName("frozen")]
    Frozen,
}
