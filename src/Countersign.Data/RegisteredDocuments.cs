namespace Countersign.Data;

/// <summary>A registration's facts and policy as stored (JSON), with their SHA-256 hashes, which tell a repeat from a change.</summary>
internal sealed record RegisteredDocuments(string Facts, string FactsHash, string Policy, string PolicyHash);
