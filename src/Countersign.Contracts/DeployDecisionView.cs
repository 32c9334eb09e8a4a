namespace Countersign.Contracts;

/// <summary>
/// A recorded deploy decision. <see cref="BuiltBy"/> says, on the answer to a deploy, who found what ships: <c>server</c>
/// (from its own mirror of a registered repository) or <c>client</c> (changes sent by CI, trusted as far as its token).
/// </summary>
public sealed record DeployDecisionView(
    long Id, string Repository, string Service, string Environment, string? From, string To, bool Allowed, DateTimeOffset At, IReadOnlyList<ShippedVerdict> Changes,
    string? BuiltBy = null);
