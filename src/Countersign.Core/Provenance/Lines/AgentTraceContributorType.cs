namespace Countersign.Core.Provenance.Lines;

/// <summary>Agent Trace contributor types. <see cref="Mixed"/> is human-edited AI output or AI-edited human code.</summary>
public enum AgentTraceContributorType
{
    Unknown,
    Human,
    Ai,
    Mixed,
}
