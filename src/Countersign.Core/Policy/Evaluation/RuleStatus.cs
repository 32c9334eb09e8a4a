using System.Text.Json.Serialization;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>A rule's state, ordered on purpose: combining takes the maximum (skipped &lt; approved &lt; pending &lt; disapproved).</summary>
[JsonConverter(typeof(Countersign.Core.Json.StrictEnumConverter<RuleStatus>))]
public enum RuleStatus
{
    /// <summary>The rule's conditions do not hold for this change.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,

    /// <summary>The rule applies and its requirement is met.</summary>
    [JsonStringEnumMemberName("approved")]
    Approved,

    /// <summary>The rule applies and still needs sign-offs.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>An eligible person rejected the change.</summary>
    [JsonStringEnumMemberName("disapproved")]
    Disapproved,
}
