using System.Text.Json.Nodes;

namespace Countersign.Contracts;

/// <summary>A recorded deploy decision as <c>GET /api/v1/deploys</c> lists it: each change's commit and status in <see cref="Changes"/>.</summary>
public sealed record DeployDecisionSummary(long Id, string Repository, string Service, string Environment, string? From, string To, bool Allowed, DateTimeOffset At, JsonNode? Changes);
