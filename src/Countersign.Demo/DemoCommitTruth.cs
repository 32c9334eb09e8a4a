namespace Countersign.Demo;

/// <summary>
/// What the demo knows about one commit it wrote: the answer a scanner should reach. <see cref="Tool"/> is
/// Countersign's tool id for AI commits (and the reviewer for <see cref="DemoCommitKind.AiReview"/>);
/// <see cref="RefersTo"/> is the sha a revert or fix names.
/// </summary>
public sealed record DemoCommitTruth(
    string Sha, string Subject, DemoCommitKind Kind, string? Tool, string? Trap, string? RefersTo, bool HasGitAiNote, bool HasAgentTrace);
