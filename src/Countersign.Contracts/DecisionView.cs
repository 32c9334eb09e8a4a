namespace Countersign.Contracts;

/// <summary>The verdict on a change and nothing else (<c>GET /api/v1/changes/{id}/decision</c>).</summary>
public sealed record DecisionView(long Id, int Revision, string PatchId, string Status, bool Passed, string Summary);
