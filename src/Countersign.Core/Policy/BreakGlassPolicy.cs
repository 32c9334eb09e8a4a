using Countersign.Core.Policy.Requirements;

namespace Countersign.Core.Policy;

/// <summary>
/// Who may break the glass (pass a change without its sign-offs, through a freeze), how long the reason must be, and
/// within how long an eligible approver must review the change afterwards before it is flagged overdue.
/// </summary>
public sealed record BreakGlassPolicy(ApproverSet Allowed, int MinReasonLength, TimeSpan ReviewWithin, SourceSpan Position);
