using Countersign.Core.Policy;

namespace Countersign.Data;

/// <summary>What is stored as a revision's policy: the bundle and the repository's .mailmap.</summary>
public sealed record StoredPolicy(PolicyBundle Bundle, string? Mailmap);
