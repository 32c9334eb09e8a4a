using System.Text.Json.Serialization;

namespace Countersign.Core.Policy;

/// <summary>
/// When a sign-off stops counting because the change moved on. A sign-off always survives a pure rebase
/// (same patch identity); this decides what happens when the content differs.
/// </summary>
[JsonConverter(typeof(Countersign.Core.Json.StrictEnumConverter<StalenessMode>))]
public enum StalenessMode
{
    /// <summary>Any new content (a different patch identity) dismisses the sign-off.</summary>
    [JsonStringEnumMemberName("any-change")]
    AnyChange,

    /// <summary>Only a change to the files the rule's path conditions select dismisses it.</summary>
    [JsonStringEnumMemberName("rule-paths")]
    RulePaths,

    /// <summary>Sign-offs are never dismissed by new content.</summary>
    [JsonStringEnumMemberName("never")]
    Never,
}
