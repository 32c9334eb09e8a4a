using Countersign.Core.Changes;
using Countersign.Core.History;

namespace Countersign.Engine.Changes;

/// <summary>The participants of a change, and the recorded identity of its accountable author (null when it has none).</summary>
public sealed record ParticipantList(IReadOnlyList<Participant> All, GitIdentity? Accountable);
