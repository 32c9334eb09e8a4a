namespace Countersign.Contracts;

/// <summary>
/// Machine-readable marks on ProblemDetails answers that a client must tell apart from their status code alone: each
/// is sent as the problem's <c>type</c> (<see cref="TypePrefix"/> + code) and as a <c>code</c> extension. A 429 or 503
/// carrying a code is not plain unavailability, so clients never fail open on it.
/// </summary>
public static class ProblemCodes
{
    /// <summary>The URI prefix of every Countersign problem type.</summary>
    public const string TypePrefix = "urn:countersign:problem:";

    /// <summary>
    /// The audit log's head row is missing or garbled, so the server refuses to write (a 503). This is a sign of
    /// tampering, not unavailability: clients fail closed on it even with <c>--fail-open</c>.
    /// </summary>
    public const string AuditDamaged = "audit-damaged";

    /// <summary>
    /// Too many failed authentications from the caller's address: every request from it with a token is refused for a
    /// while (a 429), valid tokens too. Anyone sharing the address (a CI runner) can cause it with bad tokens, so it
    /// must not let a <c>--fail-open</c> gate pass.
    /// </summary>
    public const string AuthThrottled = "auth-throttled";
}
