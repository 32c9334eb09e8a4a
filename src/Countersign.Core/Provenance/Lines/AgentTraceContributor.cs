namespace Countersign.Core.Provenance.Lines;

/// <summary>Who produced a range: <c>contributor{type, model_id}</c>; <see cref="ModelId"/> follows models.dev (<c>anthropic/claude-opus-4-5</c>).</summary>
public sealed record AgentTraceContributor(AgentTraceContributorType Type, string? ModelId = null)
{
    /// <summary>AI or mixed: mixed ranges count as AI lines, because AI wrote part of every such line.</summary>
    public bool IsAi => Type is AgentTraceContributorType.Ai or AgentTraceContributorType.Mixed;
}
