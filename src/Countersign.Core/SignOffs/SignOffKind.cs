using System.Text.Json.Serialization;

namespace Countersign.Core.SignOffs;

/// <summary>What a reviewer said about a change.</summary>
[JsonConverter(typeof(Countersign.Core.Json.StrictEnumConverter<SignOffKind>))]
public enum SignOffKind
{
    [JsonStringEnumMemberName("approve")]
    Approve,

    /// <summary>A rejection; blocks every rule for which the reviewer is eligible (unless the rule ignores disapproval).</summary>
    [JsonStringEnumMemberName("reject")]
    Reject,

    /// <summary>An emergency override with a mandatory reason; passes the change and opens a review deadline.</summary>
    [JsonStringEnumMemberName("break-glass")]
    BreakGlass,
}
