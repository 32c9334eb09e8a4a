using System.Text.Json.Serialization;

namespace Countersign.Core.Policy;

/// <summary>Whether a rule's unmet requirement blocks the change or is only reported.</summary>
[JsonConverter(typeof(Countersign.Core.Json.StrictEnumConverter<RuleMode>))]
public enum RuleMode
{
    [JsonStringEnumMemberName("enforce")]
    Enforce,

    [JsonStringEnumMemberName("warn")]
    Warn,
}
