namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// A break-glass on the change: who, why, when; whether it is valid (the person may break glass and gave a long enough
/// reason), when the after-the-fact review is due, whether an eligible approval has reviewed it since, and whether the
/// deadline has passed without one (<see cref="Overdue"/>: the change is flagged).
/// </summary>
public sealed record BreakGlassResult(
    string PersonId,
    string PersonName,
    string Reason,
    DateTimeOffset At,
    DateTimeOffset ReviewDue,
    bool Valid,
    bool Reviewed,
    bool Overdue,
    string Explanation);
