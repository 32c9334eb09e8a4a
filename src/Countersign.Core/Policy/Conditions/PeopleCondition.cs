using Countersign.Core.Changes;
using Countersign.Core.Organisation;
using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.Policy.Conditions;

/// <summary>
/// <c>author: {level: {below: senior}, teams: [payments], people: [alice]}</c>, or the same under <c>contributors:</c>
/// with <c>match: any|all</c>. A person matches when every given part holds for them (teams include sub-teams).
/// An identity the directory does not know has no level and no team: it matches a level range only when the range is
/// bounded from above (see <see cref="LevelRange.MatchesUnknown"/>), so an unlisted author is treated as junior; so is a
/// change with no human author at all.
/// </summary>
public sealed record PeopleCondition(
    PersonScope Scope,
    LevelRange? Level,
    IReadOnlyList<string>? Teams,
    IReadOnlyList<string>? People,
    bool RequireAll,
    SourceSpan Position) : ICondition
{
    public string Key => Scope == PersonScope.Author ? "author" : "contributors";

    public ConditionResult Evaluate(EvaluationContext context)
    {
        var roles = Scope == PersonScope.Author
            ? new[] { ParticipantRole.Author }
            : [ParticipantRole.Author, ParticipantRole.CoAuthor, ParticipantRole.Prompter];
        var subjects = context.Change.Participants
            .Where(p => roles.Contains(p.Role) && !p.Match.IsBot)
            .GroupBy(p => p.Match.Person?.Id ?? "?" + p.Display, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        if (subjects.Count == 0)
        {
            // Nobody human (an agent opened and wrote it) is judged like an author missing from the directory: an unknown
            // level, so an agent-only change cannot dodge a rule meant for juniors; never in a team, never listed.
            var nobody = Scope == PersonScope.Author ? "the change has no human author" : "the change has no human contributors";
            var unknown = Level is { MatchesUnknown: true } && Teams is not { Count: > 0 } && People is not { Count: > 0 };
            return ConditionResult.Leaf(Key, unknown, unknown ? $"{nobody}, so no known level: treated as {Level}" : nobody);
        }

        var verdicts = subjects.Select(s => (Subject: s, Why: Check(context, s.Match.Person, s.Display))).ToList();
        var matching = verdicts.Where(v => v.Why.Matched).ToList();
        var matched = RequireAll ? matching.Count == verdicts.Count : matching.Count > 0;
        var shown = matched ? (matching.Count > 0 ? matching[0] : verdicts[0]) : verdicts.First(v => !v.Why.Matched);
        var who = Scope == PersonScope.Author ? "the author" : RequireAll ? "every contributor" : "a contributor";
        var explanation = Scope == PersonScope.Author || !matched || !RequireAll
            ? $"{shown.Why.Text}"
            : $"{who} matches ({string.Join(", ", matching.Select(m => m.Why.Text))})";
        return ConditionResult.Leaf(Key, matched, explanation);
    }

    private (bool Matched, string Text) Check(EvaluationContext context, Person? person, string display)
    {
        var name = person?.Name ?? $"{display} (not in the org directory)";
        var parts = new List<string>();
        var ok = true;
        if (Level is not null)
        {
            var inRange = Level.Contains(context.Org, person?.Level);
            ok &= inRange;
            var level = person?.Level ?? "unknown level";
            parts.Add($"{name} is {level}, {(inRange ? "" : "not ")}{Level}");
        }

        if (Teams is { Count: > 0 })
        {
            var team = person is null ? null : Teams.FirstOrDefault(t => context.Org.IsMemberOf(person, t));
            ok &= team is not null;
            parts.Add(team is not null ? $"{name} is in team {team}" : $"{name} is in none of {string.Join(", ", Teams)}");
        }

        if (People is { Count: > 0 })
        {
            var listed = person is not null && People.Contains(person.Id, StringComparer.Ordinal);
            ok &= listed;
            parts.Add(listed ? $"{name} is listed" : $"{name} is not one of {string.Join(", ", People)}");
        }

        return (ok, parts.Count == 0 ? $"{name} took part" : string.Join("; ", parts));
    }
}
