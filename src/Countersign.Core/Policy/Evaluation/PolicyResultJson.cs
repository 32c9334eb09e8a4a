using Countersign.Core.Changes;

namespace Countersign.Core.Policy.Evaluation;

/// <summary>The JSON document <c>check --json</c> prints (schema in docs/cli.md): the change in brief and the whole result tree.</summary>
public static class PolicyResultJson
{
    public static object From(PolicyResult result, ChangeFacts change) => new
    {
        status = result.Status,
        passed = result.Passed,
        summary = result.Summary,
        change = new
        {
            key = change.Key,
            @base = change.BaseSha,
            head = change.HeadSha,
            patchId = change.PatchId,
            targetBranch = change.TargetBranch,
            sourceBranch = change.SourceBranch,
            provenance = change.Status,
            tools = change.Tools,
            changeEvidence = change.ChangeEvidence,
            aiLineShare = change.AiLineShare,
            commits = change.Commits.Select(c => new { sha = c.Sha, subject = c.Subject, provenance = c.Provenance.Status, tools = c.Provenance.Tools }),
            participants = change.Participants.Select(p => new { role = p.Role, identity = p.Display, person = p.Match.Person?.Id, bot = p.Match.IsBot }),
            files = change.Files.Count,
            linesAdded = change.LinesAdded,
            linesDeleted = change.LinesDeleted,
            blastRadius = new { @class = change.BlastRadius.Class, score = change.BlastRadius.Score, touched = change.BlastRadius.Touched.Select(t => t.Name), reached = change.BlastRadius.Reached.Select(r => r.Name) },
            risk = change.Risk,
        },
        rules = result.Rules.Select(r => new
        {
            name = r.Name,
            description = r.Description,
            mode = r.Mode,
            status = r.Status,
            blocks = r.Blocks,
            summary = r.Summary,
            condition = r.Condition,
            requirement = r.Requirement is not { } q ? null : new
            {
                needed = q.Needed,
                distinctTeams = q.DistinctTeams,
                eligibility = q.Eligibility,
                missing = q.Missing,
                counted = q.Counted.Select(c => new { person = c.SignOff.PersonId, name = c.PersonName, team = c.Team, at = c.SignOff.At }),
                rejections = q.Rejections.Select(c => new { person = c.SignOff.PersonId, name = c.PersonName, at = c.SignOff.At, comment = c.SignOff.Comment }),
                dismissed = q.Dismissed.Select(n => new { person = n.SignOff.PersonId, name = n.PersonName, at = n.SignOff.At, reason = n.Reason }),
                notCounted = q.NotCounted.Select(n => new { person = n.SignOff.PersonId, name = n.PersonName, at = n.SignOff.At, reason = n.Reason }),
                candidates = q.Candidates,
                nobody = q.Nobody is { } n ? new { reason = n.Reason, fix = n.Fix } : null,
            },
            position = r.Position.ToString(),
        }),
        freezes = result.Freezes.Select(f => new { name = f.Name, active = f.Active, excepted = f.Excepted, blocks = f.Blocks, explanation = f.Explanation }),
        breakGlass = result.BreakGlass,
        evaluatedAt = result.EvaluatedAt,
    };
}
