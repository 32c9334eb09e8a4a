using System.Text.Json.Serialization;

namespace Countersign.Core.Changes;

/// <summary>How someone took part in a change. None of these may sign the change off.</summary>
[JsonConverter(typeof(Countersign.Core.Json.StrictEnumConverter<ParticipantRole>))]
public enum ParticipantRole
{
    /// <summary>The accountable author: the change's opener, or the first human author of its commits.</summary>
    [JsonStringEnumMemberName("author")]
    Author,

    /// <summary>Another human author of some commit, or a human named in a <c>Co-authored-by:</c> trailer.</summary>
    [JsonStringEnumMemberName("co-author")]
    CoAuthor,

    /// <summary>Committed (applied, rebased) some commit of the change.</summary>
    [JsonStringEnumMemberName("committer")]
    Committer,

    /// <summary>The human who asked an AI agent for an agent-authored commit (its committer or human co-author).</summary>
    [JsonStringEnumMemberName("prompter")]
    Prompter,

    /// <summary>An AI agent or bot identity that authored or co-authored a commit.</summary>
    [JsonStringEnumMemberName("agent")]
    Agent,
}
