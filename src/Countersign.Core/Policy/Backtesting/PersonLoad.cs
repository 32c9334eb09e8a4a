namespace Countersign.Core.Policy.Backtesting;

/// <summary>
/// The review load a policy would have put on one eligible person: the changes where they could have signed off, and
/// the expected number of sign-offs — each change needing k approvals from n candidates adds k/n (at most 1; the
/// largest share among its rules, since one sign-off serves every rule the person is eligible for).
/// </summary>
public sealed record PersonLoad(string PersonId, string Name, string? Level, int Changes, double ExpectedLoad);
