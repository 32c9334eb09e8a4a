using System.Text.Json.Serialization;

namespace Countersign.Core.Policy.Backtesting;

/// <summary>How a later commit marked a change as bad.</summary>
[JsonConverter(typeof(Countersign.Core.Json.StrictEnumConverter<OutcomeKind>))]
public enum OutcomeKind
{
    /// <summary>A later commit says <c>This reverts commit &lt;sha&gt;</c> (git revert's own wording).</summary>
    [JsonStringEnumMemberName("reverted")]
    Reverted,

    /// <summary>A later commit names it in a <c>Fixes: &lt;sha&gt;</c> trailer (the kernel convention).</summary>
    [JsonStringEnumMemberName("fixed")]
    Fixed,
}
