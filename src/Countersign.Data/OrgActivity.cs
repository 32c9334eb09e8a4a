namespace Countersign.Data;

/// <summary>
/// The raw records the organisation view's numbers are computed from (see <c>Dashboard.OrgStats</c>): recent changes,
/// sign-offs given and changes waiting per person, each approval's latency, and the break-glass count.
/// </summary>
public sealed record OrgActivity(
    IReadOnlyList<(string? LandedAt, string Provenance, string Tools, string? AuthorTeam, string Status)> Changes,
    IReadOnlyList<(string Person, int Count)> Given,
    IReadOnlyList<(string Person, int Count)> Waiting,
    IReadOnlyList<(string SignedAt, string RegisteredAt)> Approvals,
    int BreakGlass);
