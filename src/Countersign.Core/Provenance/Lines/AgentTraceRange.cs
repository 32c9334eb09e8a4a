namespace Countersign.Core.Provenance.Lines;

/// <summary>An inclusive 1-indexed line range at the record's revision; <see cref="Contributor"/>, when set, overrides the conversation's.</summary>
public sealed record AgentTraceRange(int StartLine, int EndLine, string? ContentHash = null, AgentTraceContributor? Contributor = null)
{
    public LineRange Lines => new(StartLine, EndLine);
}
