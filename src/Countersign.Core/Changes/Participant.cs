using Countersign.Core.Organisation;

namespace Countersign.Core.Changes;

/// <summary>
/// One identity that took part in a change, in one role, with how the org directory resolved it.
/// <see cref="Display"/> is the identity as recorded (<c>Name &lt;email&gt;</c> or a login): untrusted text.
/// </summary>
public sealed record Participant(ParticipantRole Role, string Display, IdentityMatch Match, string? CommitSha = null);
