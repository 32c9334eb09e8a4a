using Countersign.Core.Organisation;

namespace Countersign.Core.Changes;

/// <summary>
/// One identity that took part in a change, in one role, with how the org directory resolved it.
/// <see cref="Display"/> is the identity as recorded (<c>Name &lt;email&gt;</c> or a login): untrusted text.
/// </summary>
public sealed record Participant(ParticipantRole Role, string Display, IdentityMatch Match, string? CommitSha = null)
{
    /// <summary>
    /// The identity as git recorded it, before any directory lookup. A server re-resolves participants with it against
    /// its own directory rather than trusting the client's resolution; null for participants not read from git.
    /// </summary>
    public History.GitIdentity? Identity { get; init; }
}
