using Countersign.Core.Diagnostics;

namespace Countersign.Engine.Enforcement;

/// <summary>
/// What opening a change came to. Expected outcomes are values, never exceptions: the case itself; a configuration
/// that refuses to decide (each error with file, line and column); a branch the policy does not concern; input that
/// names nothing (an unknown revision, not a repository); or git failing underneath.
/// </summary>
public abstract record ChangeOpening
{
    private ChangeOpening()
    {
    }

    /// <summary>The change, ready to evaluate.</summary>
    public sealed record Opened(ChangeCase Case) : ChangeOpening;

    /// <summary>The trusted configuration or the policy has errors (or there is no policy): nothing may be decided.</summary>
    public sealed record ConfigurationRefused(IReadOnlyList<Diagnostic> Errors) : ChangeOpening;

    /// <summary>The policy does not protect the target branch (asked for with <see cref="ChangeQuestion.OnlyWhenTargetProtected"/>).</summary>
    public sealed record NotConcerned(string? TargetBranch) : ChangeOpening;

    /// <summary>The question names nothing that exists: not a repository, an unknown revision, unrelated histories.</summary>
    public sealed record BadInput(string Message) : ChangeOpening;

    /// <summary>Git or the file system failed underneath: nothing can be said about the change.</summary>
    public sealed record InfrastructureFailure(string Message) : ChangeOpening;
}
