namespace Countersign.Core.Provenance.Lines;

/// <summary><c>vcs{type, revision}</c>: for git, <see cref="Revision"/> is a commit sha.</summary>
public sealed record AgentTraceVcs(string? Type, string? Revision);
