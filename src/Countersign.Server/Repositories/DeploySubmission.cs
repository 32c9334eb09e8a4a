using Countersign.Contracts;
using Countersign.Core.Policy;

namespace Countersign.Server.Repositories;

/// <summary>
/// The body of <c>POST /api/v1/deploys</c>, read once: either a <see cref="DeployRequest"/> (the shipped changes and the
/// policy found by the client) or a <see cref="DeployBuildRequest"/> (neither: the server reads what ships from its
/// mirror). Which one it is, is decided by <see cref="DeployIntake"/>.
/// </summary>
public sealed class DeploySubmission
{
    public string Repository { get; init; } = "";

    public string Service { get; init; } = "";

    public string Environment { get; init; } = "";

    public string? From { get; init; }

    public string To { get; init; } = "";

    public PolicyBundle? Policy { get; init; }

    public IReadOnlyList<ShippedChange>? Changes { get; init; }

    public string? Mailmap { get; init; }

    /// <summary>True when the client sends no facts (no policy, no changes): the server is asked to find what ships.</summary>
    public bool AsksServerToBuild => Policy is null && Changes is null && Mailmap is null;

    public DeployRequest AsRequest() => new(Repository, Service, Environment, From, To, Policy!, Changes!, Mailmap);

    public DeployBuildRequest AsBuildRequest() => new(Repository, Service, Environment, From, To);
}
