using Countersign.Core.Policy;

namespace Countersign.Contracts;

/// <summary>A deploy to decide (<c>POST /api/v1/deploys</c>).</summary>
public sealed record DeployRequest(
    string Repository,
    string Service,
    string Environment,
    string? From,
    string To,
    PolicyBundle Policy,
    IReadOnlyList<ShippedChange> Changes,
    string? Mailmap = null);
