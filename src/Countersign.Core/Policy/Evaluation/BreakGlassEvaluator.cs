using System.Globalization;
using Countersign.Core.Changes;
using Countersign.Core.SignOffs;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// Judges the latest break-glass on a change: valid when the policy allows break-glass, the person is in its
/// <c>allowed</c> set and is not the author, a co-author or the agent's prompter, and the reason is long enough. The
/// review is done when someone whose approval counts for an applying rule approved after the glass was broken.
/// </summary>
internal static class BreakGlassEvaluator
{
    public static BreakGlassResult? Evaluate(CompiledPolicy policy, EvaluationContext context, IReadOnlyList<SignOff> signOffs, IReadOnlyList<RuleResult> rules)
    {
        var glass = signOffs.Where(s => s.Kind == SignOffKind.BreakGlass).MaxBy(s => s.At);
        if (glass is null)
        {
            return null;
        }

        var person = context.Org.FindPerson(glass.PersonId);
        var name = person?.Name ?? glass.PersonId;
        var reason = glass.Comment ?? "";
        var settings = policy.BreakGlass;
        var due = glass.At + (settings?.ReviewWithin ?? TimeSpan.Zero);
        string? invalid = null;
        if (settings is null)
        {
            invalid = "the policy does not allow break-glass";
        }
        else if (person is null)
        {
            invalid = $"{glass.PersonId} is not in the org directory";
        }
        else if (context.Change.Participants.FirstOrDefault(p => p.Match.Person?.Id == person.Id && p.Role is ParticipantRole.Author or ParticipantRole.CoAuthor or ParticipantRole.Prompter) is { } own)
        {
            invalid = $"{person.Name} took part in the change ({own.Role.ToString().ToLowerInvariant()}) and cannot break the glass on it";
        }
        else if (new Eligibility(context).WhyNotIn(person, settings.Allowed) is { } why)
        {
            invalid = $"{why} (break-glass is for {new Eligibility(context).Describe(settings.Allowed)})";
        }
        else if (reason.Trim().Length < settings.MinReasonLength)
        {
            invalid = $"the reason has {reason.Trim().Length} characters; the policy wants at least {settings.MinReasonLength}";
        }

        if (invalid is not null)
        {
            return new(glass.PersonId, name, reason, glass.At, due, false, false, false, $"not valid: {invalid}");
        }

        var review = rules.SelectMany(r => r.Requirement?.Counted ?? []).Where(c => c.SignOff.At > glass.At).MinBy(c => c.SignOff.At);
        var overdue = review is null && context.Now > due;
        var stamp = due.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
        var explanation = review is not null ? $"reviewed afterwards by {review.PersonName}"
            : overdue ? $"REVIEW OVERDUE: no eligible approval since; it was due {stamp}"
            : $"an eligible approval must review it by {stamp}";
        return new(glass.PersonId, name, reason, glass.At, due, true, review is not null, overdue, explanation);
    }
}
