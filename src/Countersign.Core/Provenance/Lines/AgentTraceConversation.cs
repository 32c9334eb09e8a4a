namespace Countersign.Core.Provenance.Lines;

/// <summary>The ranges one conversation produced in a file.</summary>
public sealed record AgentTraceConversation(string? Url, AgentTraceContributor? Contributor, IReadOnlyList<AgentTraceRange> Ranges)
{
    /// <summary>The range's own contributor, else the conversation's, else unknown.</summary>
    public AgentTraceContributor ContributorOf(AgentTraceRange range) =>
        range.Contributor ?? Contributor ?? new AgentTraceContributor(AgentTraceContributorType.Unknown);
}
