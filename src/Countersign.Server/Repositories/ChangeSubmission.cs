using Countersign.Contracts;
using Countersign.Core.Changes;
using Countersign.Core.Policy;

namespace Countersign.Server.Repositories;

/// <summary>
/// The body of <c>POST /api/v1/changes</c>, read once: either a <see cref="ChangeRegistration"/> (facts built by the
/// client) or a <see cref="ChangeBuildRequest"/> (no facts: the server builds the change). Which one it is, is decided
/// by <see cref="ChangeIntake"/>.
/// </summary>
public sealed class ChangeSubmission
{
    public string Repository { get; init; } = "";

    public ChangeFacts? Facts { get; init; }

    public PolicyBundle? Policy { get; init; }

    public string? Mailmap { get; init; }

    public string? Key { get; init; }

    public string? Base { get; init; }

    public string? Head { get; init; }

    public string? TargetBranch { get; init; }

    public string? SourceBranch { get; init; }

    public string? Title { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>True when the client asks the server to build the change (no facts, a head to build).</summary>
    public bool AsksServerToBuild => Facts is null && (Head is not null || Base is not null || Key is not null);

    public ChangeRegistration AsRegistration() => new(Repository, Facts!, Policy!, Mailmap);

    public ChangeBuildRequest AsBuildRequest() => new(Repository, Key!, Base!, Head!)
    {
        TargetBranch = TargetBranch,
        SourceBranch = SourceBranch,
        Title = Title,
        Labels = Labels ?? [],
    };
}
