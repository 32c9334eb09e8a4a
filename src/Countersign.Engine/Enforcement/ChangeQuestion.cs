namespace Countersign.Engine.Enforcement;

/// <summary>
/// Which change to open for a decision: the commits of <see cref="Head"/> not in <see cref="Base"/> in the repository
/// at <see cref="RepositoryPath"/>, under the policy committed on <see cref="Base"/> (or <see cref="PolicyPath"/>).
/// What the user gave wins over what CI says (<see cref="Ci"/>), which wins over what git tells.
/// </summary>
/// <param name="RepositoryPath">An absolute path inside the repository.</param>
/// <param name="Base">The branch the change goes into (<c>origin/main</c>); configuration and policy are read there.</param>
/// <param name="Head">The change's tip.</param>
public sealed record ChangeQuestion(string RepositoryPath, string Base, string Head)
{
    /// <summary>Stable key of the change; null: from CI, else <c>branch/&lt;source&gt;</c>, else <c>patch/&lt;patch-id&gt;</c>.</summary>
    public string? Key { get; init; }

    /// <summary>The branch name the policy's <c>target_branch</c> sees; null: from CI, else <see cref="Base"/> without its remote.</summary>
    public string? TargetBranch { get; init; }

    /// <summary>The branch name the policy's <c>source_branch</c> sees; null: from CI, else <see cref="Head"/> when it is a branch.</summary>
    public string? SourceBranch { get; init; }

    public string? Title { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>A policy file on disk to use instead of the committed one (relative to <see cref="WorkingDirectory"/>).</summary>
    public string? PolicyPath { get; init; }

    /// <summary>What relative paths (<see cref="PolicyPath"/>) are relative to.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    public CiEnvironment Ci { get; init; } = CiEnvironment.None;

    /// <summary>
    /// When true, a target branch the policy does not protect (a push to an unprotected branch) answers
    /// <see cref="ChangeOpening.NotConcerned"/> before any of the change's facts are built.
    /// </summary>
    public bool OnlyWhenTargetProtected { get; init; }
}
