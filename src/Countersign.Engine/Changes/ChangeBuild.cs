using Countersign.Core.Changes;
using Countersign.Core.Diagnostics;

namespace Countersign.Engine.Changes;

/// <summary>
/// A change described for the policy, the trusted configuration it was described with (the evaluation needs the same
/// directory and resolver), and what was wrong along the way: configuration problems, unreadable notes or traces.
/// </summary>
public sealed record ChangeBuild(ChangeFacts Change, TrustedConfiguration Trusted, IReadOnlyList<Diagnostic> Diagnostics);
