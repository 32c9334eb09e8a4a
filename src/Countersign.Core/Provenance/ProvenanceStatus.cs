using System.Text.Json.Serialization;

namespace Countersign.Core.Provenance;

/// <summary>
/// What is known about whether a commit was written with an AI assistant. Ordered by strength of the
/// AI claim so that combining evidence takes the maximum, except that any AI evidence beats a human declaration.
/// </summary>
[JsonConverter(typeof(Countersign.Core.Json.StrictEnumConverter<ProvenanceStatus>))]
public enum ProvenanceStatus
{
    /// <summary>No evidence either way. Missing markers never mean human.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown = 0,

    /// <summary>An explicit human declaration ("No AI was used", a declaration trailer) and no AI evidence.</summary>
    [JsonStringEnumMemberName("human-declared")]
    HumanDeclared = 1,

    /// <summary>An AI reviewer's suggestion was accepted (review-bot co-author, Copilot Autofix): a separate, weaker class.</summary>
    [JsonStringEnumMemberName("ai-suggested")]
    AiSuggested = 2,

    /// <summary>Strong evidence that an AI tool wrote or co-wrote the commit.</summary>
    [JsonStringEnumMemberName("ai")]
    Ai = 3,
}
