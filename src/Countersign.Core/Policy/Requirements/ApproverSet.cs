namespace Countersign.Core.Policy.Requirements;

/// <summary>Who may give a sign-off: a filter, or a union of filters (<c>any_of</c>).</summary>
public abstract record ApproverSet(SourceSpan Position);

/// <summary>
/// <c>from: {level: {at_least: senior}, owners: [affected, codeowners], teams: [...], people: [...]}</c> — a person is in
/// the set when every given part holds: level in range, owner through one of the listed sources, member of one of the
/// teams (sub-teams included), one of the people. An empty filter admits every person (never a bot or participant).
/// </summary>
public sealed record ApproverFilter(
    LevelRange? Level,
    IReadOnlyList<OwnerSource>? Owners,
    IReadOnlyList<string>? Teams,
    IReadOnlyList<string>? People,
    SourceSpan Position) : ApproverSet(Position);

/// <summary><c>from: {any_of: [filter, filter]}</c> — in the set when in any of the options.</summary>
public sealed record ApproverUnion(IReadOnlyList<ApproverSet> Options, SourceSpan Position) : ApproverSet(Position);
