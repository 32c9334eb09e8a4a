using Countersign.Core.Changes;
using Countersign.Core.SignOffs;

namespace Countersign.Core.Deploys;

/// <summary>A change a deploy ships (<paramref name="Commit"/> brought it in) with the sign-offs recorded for it.</summary>
public sealed record DeployCandidate(string Commit, ChangeFacts Change, IReadOnlyList<SignOff> SignOffs);
