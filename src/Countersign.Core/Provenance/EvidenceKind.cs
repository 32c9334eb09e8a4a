using System.Text.Json.Serialization;

namespace Countersign.Core.Provenance;

/// <summary>Where a piece of provenance evidence was found.</summary>
[JsonConverter(typeof(Countersign.Core.Json.StrictEnumConverter<EvidenceKind>))]
public enum EvidenceKind
{
    /// <summary>A line of the final trailer block (<c>Co-authored-by:</c>, <c>Assisted-by:</c>, …).</summary>
    [JsonStringEnumMemberName("trailer")] Trailer,

    /// <summary>A known footer line outside the trailer block (<c>Generated with [Claude Code](…)</c>).</summary>
    [JsonStringEnumMemberName("footer")] Footer,

    /// <summary>The commit's author identity.</summary>
    [JsonStringEnumMemberName("author")] Author,

    /// <summary>The commit's committer identity.</summary>
    [JsonStringEnumMemberName("committer")] Committer,

    /// <summary>The subject line (e.g. <c>aider: </c> prefix).</summary>
    [JsonStringEnumMemberName("subject")] Subject,

    /// <summary>A declaration sentence in the body ("No AI was used").</summary>
    [JsonStringEnumMemberName("body")] Body,

    /// <summary>A git-ai note under <c>refs/notes/ai</c>.</summary>
    [JsonStringEnumMemberName("note")] Note,

    /// <summary>An Agent Trace record.</summary>
    [JsonStringEnumMemberName("trace")] Trace,

    /// <summary>A branch name (<c>copilot/…</c>, <c>codex/…</c>).</summary>
    [JsonStringEnumMemberName("branch")] Branch,

    /// <summary>A pull-request label.</summary>
    [JsonStringEnumMemberName("label")] Label,

    /// <summary>Pull-request description text.</summary>
    [JsonStringEnumMemberName("pr-body")] PullRequestBody,
}
