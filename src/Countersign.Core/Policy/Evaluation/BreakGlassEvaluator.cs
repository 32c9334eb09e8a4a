using System.Globalization;
using Countersign.Core.Changes;
using Countersign.Core.Organisation;
using Countersign.Core.SignOffs;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Judges the latest break-glass on a change. It is valid when the policy allows break-glass, the person is in the
/// directory and in its <c>allowed</c> set, did not write the change (author, co-author or the agent's prompter:
/// nobody breaks the glass on their own work), gave a reason of at least <c>min_reason_length</c> characters, and it
/// was given for the change's current content (same patch identity; a pure rebase keeps it, new content needs a new
/// break-glass). Its review is due <c>review_within</c> after it; it is reviewed by a later approval of the current
/// content from someone other than the breaker who is eligible for an applying enforced rule — or, when no enforced
/// rule applies (a freeze was the only obstacle), from someone else in the <c>allowed</c> set.
/// </summary>
internal static class BreakGlassEvaluator
{
    /// <summary>The latest of <paramref name="glasses"/> judged, or null when there is none.</summary>
    /// <param name="policy">The policy being evaluated.</param>
    /// <param name="context">The evaluation.</param>
    /// <param name="eligibility">Who may sign, for this evaluation.</param>
    /// <param name="glasses">The break-glass sign-offs on the change, oldest first.</param>
    /// <param name="current">Each person's latest approval or rejection, oldest first.</param>
    /// <param name="enforced">The enforced rules that apply to the change.</param>
    public static BreakGlassResult? Evaluate(CompiledPolicy policy, EvaluationContext context, Eligibility eligibility, IReadOnlyList<SignOff> glasses, IReadOnlyList<SignOff> current, IReadOnlyList<PolicyRule> enforced)
    {
        if (glasses.Count == 0)
        {
            return null;
        }

        var glass = glasses[^1];

        var person = context.Org.FindPerson(glass.PersonId);
        var name = person?.Name ?? glass.PersonId;
        var reason = glass.Comment?.Trim() ?? "";
        var settings = policy.BreakGlass;
        var within = settings?.ReviewWithin ?? TimeSpan.Zero;
        var due = glass.At > DateTimeOffset.MaxValue - within ? DateTimeOffset.MaxValue : glass.At + within;
        if (WhyInvalid(settings, context, eligibility, glass, person, reason) is { } invalid)
        {
            return new(glass.PersonId, name, reason, glass.At, due, false, false, false, $"not valid: {invalid}");
        }

        var reviewer = Reviewer(settings!, context, eligibility, glass, current, enforced);
        var overdue = reviewer is null && context.Now > due;
        var stamp = due.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
        var explanation = reviewer is not null ? $"reviewed afterwards by {reviewer}"
            : overdue ? $"REVIEW OVERDUE: no eligible approval since; it was due {stamp}"
            : $"an eligible approval must review it by {stamp}";
        return new(glass.PersonId, name, reason, glass.At, due, true, reviewer is not null, overdue, explanation);
    }

    private static string? WhyInvalid(BreakGlassPolicy? settings, EvaluationContext context, Eligibility eligibility, SignOff glass, Person? person, string reason)
    {
        if (settings is null)
        {
            return "the policy does not allow break-glass";
        }

        if (person is null)
        {
            return $"{glass.PersonId} is not in the org directory";
        }

        if (eligibility.Bar(person) is { } bar && bar.Role != ParticipantRole.Committer)
        {
            return $"{bar.Why}, and nobody breaks the glass on their own change";
        }

        if (eligibility.WhyNotIn(person, settings.Allowed) is { } why)
        {
            return $"{why} (break-glass is for {eligibility.Describe(settings.Allowed)})";
        }

        if (reason.Length < settings.MinReasonLength)
        {
            return $"the reason has {reason.Length} characters; the policy wants at least {settings.MinReasonLength}";
        }

        if (glass.PatchId != context.Change.PatchId)
        {
            return $"it was given for other content (patch {Staleness.Short(glass.PatchId)}, now {Staleness.Short(context.Change.PatchId)}); new content needs a new break-glass or the sign-offs";
        }

        return null;
    }

    /// <summary>The name of the first person whose approval after the break-glass reviews it, or null.</summary>
    private static string? Reviewer(BreakGlassPolicy settings, EvaluationContext context, Eligibility eligibility, SignOff glass, IReadOnlyList<SignOff> current, IReadOnlyList<PolicyRule> enforced)
    {
        foreach (var signOff in current.Where(s => s.Kind == SignOffKind.Approve && s.At > glass.At && s.PersonId != glass.PersonId))
        {
            if (context.Org.FindPerson(signOff.PersonId) is not { } person)
            {
                continue;
            }

            var reviews = enforced.Count == 0
                ? eligibility.RoleOf(person) is null && eligibility.WhyNotIn(person, settings.Allowed) is null && signOff.PatchId == context.Change.PatchId
                : enforced.Any(r => eligibility.WhyNot(person, r.Requires) is null && Staleness.WhyDismissed(signOff, context.Change, r) is null);
            if (reviews)
            {
                return person.Name;
            }
        }

        return null;
    }
}
