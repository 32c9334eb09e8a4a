using Countersign.Core.BlastRadius;
using Countersign.Core.History;
using Countersign.Core.Provenance;

namespace Countersign.Core.Changes;

/// <summary>
/// Everything the policy may ask about one change (a pull request, a push, a deploy range): its commits and their
/// provenance, the people involved, the files, the blast radius, the interim risk score, and its content identity.
/// Built by the CLI or the server from a repository; pure data here so evaluation needs no I/O.
/// </summary>
public sealed record ChangeFacts
{
    /// <summary>Stable key of the change across revisions (<c>pr/123</c>, a branch name); sign-offs are filed under it.</summary>
    public required string Key { get; init; }

    /// <summary>The commit the change is compared against (merge base of base and head).</summary>
    public required string BaseSha { get; init; }

    public required string HeadSha { get; init; }

    /// <summary><c>git patch-id --stable</c> of the whole diff: equal for a pure rebase, different for new content.</summary>
    public required string PatchId { get; init; }

    /// <summary>Patch identity of each changed file's diff (path → id), so staleness can be judged per path.</summary>
    public IReadOnlyDictionary<string, string> FilePatchIds { get; init; } = new Dictionary<string, string>();

    /// <summary>The branch the change goes into, without <c>refs/heads/</c>; null when unknown.</summary>
    public string? TargetBranch { get; init; }

    public string? SourceBranch { get; init; }

    /// <summary>Untrusted title (PR title or first commit subject).</summary>
    public string? Title { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Commits in the change, oldest first.</summary>
    public IReadOnlyList<ChangeCommit> Commits { get; init; } = [];

    /// <summary>Files changed between <see cref="BaseSha"/> and <see cref="HeadSha"/>.</summary>
    public IReadOnlyList<FileChange> Files { get; init; } = [];

    /// <summary>Everyone who took part, with their role and how they were resolved in the org directory.</summary>
    public IReadOnlyList<Participant> Participants { get; init; } = [];

    public required BlastRadiusResult BlastRadius { get; init; }

    public required RiskAssessment Risk { get; init; }

    /// <summary>CODEOWNERS owners (<c>@org/team</c>, <c>@user</c>, e-mail) of each changed path that has any.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CodeownersByPath { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// The change's provenance: AI-assisted when any commit is, else AI-suggested when any commit is; declared human only
    /// when every non-merge commit declares it (one undeclared commit makes the change unknown — missing markers never
    /// prove human work); unknown otherwise.
    /// </summary>
    public ProvenanceStatus Status
    {
        get
        {
            var strongest = Commits.Count == 0 ? ProvenanceStatus.Unknown : Commits.Max(c => c.Provenance.Status);
            if (ChangeEvidence.Any(e => e.Implies == ProvenanceStatus.Ai && e.Confidence >= ProvenanceClassifier.CountingConfidence))
            {
                // An agent's branch (copilot/…, codex/…) marks the whole change, whatever its commits say.
                return ProvenanceStatus.Ai;
            }

            if (strongest != ProvenanceStatus.HumanDeclared)
            {
                return strongest;
            }

            var authored = Commits.Where(c => !c.IsMerge).ToList();
            return (authored.Count == 0 ? Commits : authored).All(c => c.Provenance.Status == ProvenanceStatus.HumanDeclared)
                ? ProvenanceStatus.HumanDeclared
                : ProvenanceStatus.Unknown;
        }
    }

    /// <summary>
    /// Evidence about the change as a whole rather than one commit: its branch name (<c>copilot/…</c>, <c>codex/…</c>),
    /// as the tool signatures describe it. Squash merges and rebases lose commit trailers; the branch name survives
    /// into the pull request.
    /// </summary>
    public IReadOnlyList<Evidence> ChangeEvidence { get; init; } = [];

    /// <summary>Tools named by any commit's evidence or the change's own, sorted.</summary>
    public IReadOnlyList<string> Tools => Commits.SelectMany(c => c.Provenance.Tools)
        .Concat(ChangeEvidence.Where(e => e.Tool is not null && e.Implies == ProvenanceStatus.Ai).Select(e => e.Tool!))
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Share of added lines written by AI: from line attribution where it exists; otherwise every added line of an
    /// AI-assisted commit counts as AI (the commit declares the tool took part). Null when nothing was added.
    /// </summary>
    public double? AiLineShare
    {
        get
        {
            double ai = 0, total = 0;
            foreach (var commit in Commits.Where(c => !c.IsMerge))
            {
                if (commit.Provenance.Lines is { AiShare: { } share })
                {
                    ai += share * commit.LinesAdded;
                }
                else if (commit.Provenance.Status == ProvenanceStatus.Ai)
                {
                    ai += commit.LinesAdded;
                }

                total += commit.LinesAdded;
            }

            return total == 0 ? null : ai / total;
        }
    }

    public int LinesAdded => Files.Sum(f => f.Added ?? 0);

    public int LinesDeleted => Files.Sum(f => f.Deleted ?? 0);

    /// <summary>The people in <paramref name="roles"/> (resolved persons only, distinct by id).</summary>
    public IReadOnlyList<Organisation.Person> PeopleIn(params ParticipantRole[] roles) =>
        Participants.Where(p => roles.Contains(p.Role) && p.Match.Person is not null)
            .Select(p => p.Match.Person!).DistinctBy(p => p.Id).ToList();
}
