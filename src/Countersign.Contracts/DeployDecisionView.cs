namespace Countersign.Contracts;

/// <summary>A recorded deploy decision.</summary>
public sealed record DeployDecisionView(long Id, string Repository, string Service, string Environment, string? From, string To, bool Allowed, DateTimeOffset At, IReadOnlyList<ShippedVerdict> Changes);
