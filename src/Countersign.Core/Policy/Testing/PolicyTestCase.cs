using Countersign.Core.Changes;
using Countersign.Core.SignOffs;

namespace Countersign.Core.Policy.Testing;

/// <summary>A compiled test case: the change facts, sign-offs and time to evaluate, and the expected statuses.</summary>
public sealed record PolicyTestCase(
    string Name,
    string Source,
    ChangeFacts Change,
    IReadOnlyList<SignOff> SignOffs,
    DateTimeOffset Now,
    string? Environment,
    string? ExpectedStatus,
    IReadOnlyDictionary<string, string> ExpectedRules,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ExpectedCandidates);
