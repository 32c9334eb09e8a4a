using System.Net;
using Countersign.Contracts;

namespace Countersign.Cli.Remote;

/// <summary>
/// The server gave no usable answer. Enforcement fails closed on it (exit 3); <c>--fail-open</c> lets a gate pass
/// only when <see cref="Unavailable"/> is true — see <see cref="RemoteServer.PassesDespite"/>.
/// </summary>
internal sealed class ServerFailureException(string message, bool unavailable, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// True when the server could not be asked (no connection, a timeout) or said it cannot answer now; false when it
    /// answered with a defect of its own or a sign of tampering, which waiting does not cure.
    /// </summary>
    public bool Unavailable { get; } = unavailable;

    /// <summary>
    /// Whether an error answer means unavailability: a gateway that found no server (502, 504), a server that is
    /// down, starting or out of its database (503), or one shedding load (429). A 500 (and every other 5xx) is a
    /// defect in the server, not unavailability. The server marks the 503s and 429s that are not unavailability with a
    /// problem code (<see cref="ProblemCodes.AuditDamaged"/>: a tampered audit log; <see cref="ProblemCodes.AuthThrottled"/>:
    /// failed authentications from this address); none of those may let a change through either.
    /// </summary>
    public static bool IsUnavailable(HttpStatusCode status, string? problemCode) =>
        problemCode is null
        && status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests;
}
