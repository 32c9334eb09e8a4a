namespace Countersign.Core.Policy.Evaluation;

/// <summary>
/// How an applying rule's requirement stands: sign-offs needed and counted, sign-offs dismissed as stale, sign-offs
/// that do not count (and why: the author, a bot, not a senior owner…), rejections that block, the people who could
/// still give what is missing, and a sentence saying what is missing (empty when nothing is).
/// </summary>
public sealed record RequirementResult(
    int Needed,
    bool DistinctTeams,
    string Eligibility,
    IReadOnlyList<CountedSignOff> Counted,
    IReadOnlyList<SignOffNote> Dismissed,
    IReadOnlyList<SignOffNote> NotCounted,
    IReadOnlyList<CountedSignOff> Rejections,
    IReadOnlyList<Candidate> Candidates,
    string Missing)
{
    /// <summary>Set when the rule is pending and nobody at all can give the missing sign-off: why, and what to add.</summary>
    public NobodyEligible? Nobody { get; init; }
}

/// <summary>A sign-off (or rejection) that counts for a rule, with the team it counted for under distinct-teams.</summary>
public sealed record CountedSignOff(Core.SignOffs.SignOff SignOff, string PersonName, string? Team);

/// <summary>A sign-off that does not count for a rule, and why.</summary>
public sealed record SignOffNote(Core.SignOffs.SignOff SignOff, string PersonName, string Reason);

/// <summary>Someone who could give a missing sign-off, with why they are eligible.</summary>
public sealed record Candidate(string PersonId, string Name, string? Level, IReadOnlyList<string> Teams, string Why);
