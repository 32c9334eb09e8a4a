using Countersign.Core.Changes;
using Countersign.Core.SignOffs;

namespace Countersign.Core.Policy.Testing;

/// <summary>
/// A read test case: the change facts, sign-offs, time and environment to evaluate, and what the policy must say.
/// <see cref="Source"/> is where the case is written (<c>file:line</c>). Expectations left out are not checked.
/// </summary>
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
