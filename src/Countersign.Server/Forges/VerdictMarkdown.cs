using System.Globalization;
using System.Text;
using Countersign.Core.Changes;
using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Provenance;
using Countersign.Core.Text;

namespace Countersign.Server.Forges;

/// <summary>
/// A verdict as a forge shows it, whichever forge: the <see cref="Title"/> (the verdict in one plain-text sentence: a
/// check run's title, a commit status's description) and the <see cref="Summary"/> (the result tree in Markdown: each
/// rule satisfied or missing, who can give each missing sign-off by name and forge handle, which forge reviews count
/// and why the others do not, risk and provenance in a line each, the dashboard's change page). Every untrusted string
/// goes through <see cref="MarkdownText.Escape"/>; the only mentions are of the people who can give a missing sign-off.
/// </summary>
public static class VerdictMarkdown
{
    /// <summary>GitHub's cap on a check run's <c>output.summary</c>, taken as UTF-8 bytes (GitHub counts bytes in practice).</summary>
    public const int GitHubSummaryLimit = 65535;

    /// <summary>GitHub's cap on an issue or pull request comment's body (65,536 characters), less room for <see cref="CommentMarker"/>.</summary>
    public const int GitHubCommentLimit = 65000;

    /// <summary>The longest title written: GitHub documents none for a check run's title; 255 is what its UI shows whole.</summary>
    public const int TitleLimit = 255;

    /// <summary>Candidates shown per missing sign-off before "and N more".</summary>
    public const int CandidatesShown = 8;

    /// <summary>The hidden line that marks Countersign's own comment on a pull or merge request (found and edited in place).</summary>
    public const string CommentMarker = "<!-- countersign -->";

    /// <summary>
    /// The verdict in one plain-text sentence of at most <paramref name="maxLength"/> characters: "Waiting for 1
    /// sign-off: someone senior who owns payments (Ana Senior, Ben Boss)", "Signed off by Ana Senior", "Rejected by Ana
    /// Senior (payments)", "Frozen: release-week — …". Names are neutralised for a plain-text field (no control
    /// characters, bounded), not Markdown-escaped: a forge shows a title as text.
    /// </summary>
    public static string Title(PolicyResult result, int maxLength = TitleLimit)
    {
        var enforced = result.Rules.Where(r => r.Mode == RuleMode.Enforce && r.Status != RuleStatus.Skipped).ToList();
        var sentence = result.Status switch
        {
            OverallStatus.Satisfied when result.BreakGlass is { Valid: true } glass && (enforced.Any(r => r.Blocks) || result.Freezes.Any(f => f.Blocks)) =>
                $"Passed by break-glass from {glass.PersonName}" + (glass.Overdue ? " (its review is overdue)" : glass.Reviewed ? " (since reviewed)" : " (review pending)"),
            OverallStatus.Satisfied => Names(enforced.SelectMany(r => r.Requirement?.Counted ?? []).Select(c => c.PersonName)) is { Length: > 0 } names
                ? $"Signed off by {names}"
                : enforced.Count == 0 ? "No sign-off needed: no enforced rule applies" : "Satisfied: every applying rule is met",
            OverallStatus.Pending => Waiting(enforced.Where(r => r.Status == RuleStatus.Pending).ToList()),
            OverallStatus.Rejected => Rejected(enforced.Where(r => r.Status == RuleStatus.Disapproved).ToList()),
            _ => "Frozen: " + string.Join("; ", result.Freezes.Where(f => f.Blocks).Select(f => $"{f.Name} — {f.Explanation}")),
        };
        return UntrustedText.ForTerminal(sentence, maxLength);
    }

    /// <summary>
    /// The result tree in Markdown, at most <paramref name="maxBytes"/> UTF-8 bytes: whole lines are left off from the
    /// end of the details when it would be longer, and a line says how many ("… 12 more not shown; see the dashboard").
    /// The heading, the provenance and risk lines and the link to the dashboard are always there.
    /// </summary>
    /// <param name="publication">The verdict to show.</param>
    /// <param name="forge">Whose handles to show for people (their GitHub login or GitLab username from the directory).</param>
    /// <param name="maxBytes">The forge's cap.</param>
    public static string Summary(VerdictPublication publication, ForgeKind forge, int maxBytes = GitHubSummaryLimit)
    {
        var detail = publication.Detail;
        var result = detail.Result;
        var head = new List<string>
        {
            $"### {Icon(result.Status)} {MarkdownText.Escape(Title(result), TitleLimit + 10)}",
            "",
            $"**Provenance:** {MarkdownText.Escape(Provenance(detail.Facts), 400)}",
            $"**Risk:** {MarkdownText.Escape(Risk(detail.Facts), 400)}",
        };
        var body = new List<string>();
        foreach (var freeze in result.Freezes.Where(f => f.Active))
        {
            body.Add($"- {(freeze.Blocks ? "⛔" : "⚠️")} freeze **{MarkdownText.Escape(freeze.Name)}**: {MarkdownText.Escape(freeze.Explanation, 400)}");
        }

        if (result.BreakGlass is { } glass)
        {
            body.Add($"- 🔨 break-glass by {MarkdownText.Escape(glass.PersonName)}: {MarkdownText.Escape(glass.Explanation, 400)} — reason: “{MarkdownText.Escape(glass.Reason, 300)}”");
        }

        if (result.Rules.Count > 0)
        {
            body.Add("");
            body.Add("#### Rules");
            foreach (var rule in result.Rules)
            {
                Rule(body, rule, detail.Org, forge);
            }
        }

        if (publication.Reviews.Count > 0)
        {
            body.Add("");
            body.Add($"#### Reviews on {(forge == ForgeKind.GitHub ? "GitHub" : "GitLab")}");
            foreach (var review in publication.Reviews)
            {
                var what = review.Verdict switch
                {
                    ReviewVerdict.Approved => "approved",
                    ReviewVerdict.ChangesRequested => forge == ForgeKind.GitHub ? "requested changes" : "rejected",
                    ReviewVerdict.Withdrawn => "withdrew a review",
                    _ => "commented",
                };
                var counts = review.Counts ? "counts" : $"does not count: {MarkdownText.Escape(review.Why ?? "not a sign-off", 300)}";
                body.Add($"- {Handle(review.Login)} {what} `{Short(review.CommitSha)}` — {counts}");
            }
        }

        var foot = new List<string>
        {
            "",
            publication.ChangeUrl is { } url
                ? $"[Open this change in Countersign]({LinkTarget(url)}) to see every detail and sign off."
                : "_The dashboard's address is not configured (`serve --public-url`): open this change in Countersign's dashboard._",
        };
        return Fit(head, body, foot, maxBytes);
    }

    private static void Rule(List<string> md, RuleResult rule, OrgDirectory org, ForgeKind forge)
    {
        var mode = rule.Mode == RuleMode.Warn ? " (warn only)" : "";
        var name = $"**{MarkdownText.Escape(rule.Name)}**{mode}";
        if (rule.Status == RuleStatus.Skipped)
        {
            md.Add($"- ⚪ {name}: skipped — {MarkdownText.Escape(rule.Condition?.Explanation ?? "it does not apply", 400)}");
            return;
        }

        var status = rule.Status switch
        {
            RuleStatus.Approved => "✅",
            RuleStatus.Pending => rule.Mode == RuleMode.Warn ? "⚠️" : "⏳",
            _ => "❌",
        };
        if (rule.Requirement is not { } requirement)
        {
            md.Add($"- {status} {name}: {MarkdownText.Escape(rule.Summary, 400)}");
            return;
        }

        md.Add(rule.Status == RuleStatus.Approved
            ? $"- {status} {name}: satisfied — {MarkdownText.Escape(Counted(requirement), 600)}"
            : $"- {status} {name}: {MarkdownText.Escape(requirement.Missing, 600)}");
        if (rule.Status == RuleStatus.Pending)
        {
            if (requirement.Candidates.Count > 0)
            {
                var shown = requirement.Candidates.Take(CandidatesShown).Select(c => Person(c, org, forge));
                var more = requirement.Candidates.Count > CandidatesShown ? $" and {requirement.Candidates.Count - CandidatesShown} more" : "";
                md.Add($"  - can give it: {string.Join(", ", shown)}{more}");
            }
            else if (requirement.Nobody is { } nobody)
            {
                md.Add($"  - nobody can give it: {MarkdownText.Escape(nobody.Reason, 400)} — to fix: {MarkdownText.Escape(nobody.Fix, 400)}");
            }

            if (rule.Status == RuleStatus.Pending && requirement.Counted.Count > 0)
            {
                md.Add($"  - so far: {MarkdownText.Escape(Counted(requirement), 600)}");
            }
        }

        foreach (var rejection in requirement.Rejections)
        {
            var comment = rejection.SignOff.Comment is { Length: > 0 } c ? $": “{MarkdownText.Escape(c, 300)}”" : "";
            md.Add($"  - rejected by {MarkdownText.Escape(rejection.PersonName)}{comment}");
        }

        foreach (var note in requirement.Dismissed)
        {
            md.Add($"  - dismissed: {MarkdownText.Escape(note.PersonName)}'s {Kind(note.SignOff)} — {MarkdownText.Escape(note.Reason, 400)}");
        }

        foreach (var note in requirement.NotCounted)
        {
            md.Add($"  - not counted: {MarkdownText.Escape(note.PersonName)}'s {Kind(note.SignOff)} — {MarkdownText.Escape(note.Reason, 400)}");
        }
    }

    /// <summary>Assembles head, as much of body as fits, a line saying how much did not, and foot, within <paramref name="maxBytes"/>.</summary>
    private static string Fit(List<string> head, List<string> body, List<string> foot, int maxBytes)
    {
        static int Bytes(string line) => Encoding.UTF8.GetByteCount(line) + 1;
        var md = new StringBuilder();
        var used = 0;
        foreach (var line in head)
        {
            md.Append(line).Append('\n');
            used += Bytes(line);
        }

        var reserved = foot.Sum(Bytes) + 80; // the foot, and the line saying what was left off
        var shown = 0;
        foreach (var line in body)
        {
            if (used + Bytes(line) + reserved > maxBytes)
            {
                break;
            }

            md.Append(line).Append('\n');
            used += Bytes(line);
            shown++;
        }

        var left = body.Skip(shown).Count(l => l.Length > 0 && !l.StartsWith('#'));
        if (left > 0)
        {
            md.Append('\n').Append($"_… {left} more not shown; see the dashboard._").Append('\n');
        }

        foreach (var line in foot)
        {
            md.Append(line).Append('\n');
        }

        return md.ToString();
    }

    private static string Waiting(List<RuleResult> pending)
    {
        var needed = pending.Sum(r => r.Requirement is { } q ? Math.Max(q.Needed - q.Counted.Count, 1) : 1);
        if (pending.Count == 0 || pending[0].Requirement is not { } first)
        {
            return $"Waiting for {needed} sign-off{(needed == 1 ? "" : "s")}";
        }

        var who = first.Candidates.Take(3).Select(c => c.Name).ToList();
        var people = who.Count == 0 ? "" : $" ({string.Join(", ", who)}{(first.Candidates.Count > 3 ? ", …" : "")})";
        var others = pending.Count > 1 ? $"; and {pending.Count - 1} more rule{(pending.Count == 2 ? "" : "s")}" : "";
        return $"Waiting for {needed} sign-off{(needed == 1 ? "" : "s")}: {first.Eligibility}{people}{others}";
    }

    private static string Rejected(List<RuleResult> rejected) =>
        "Rejected by " + string.Join("; ", rejected.Select(r => $"{Names(r.Requirement?.Rejections.Select(x => x.PersonName) ?? [])} ({r.Name})"));

    private static string Names(IEnumerable<string> names)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count <= 1 ? string.Concat(distinct) : $"{string.Join(", ", distinct.Take(distinct.Count - 1))} and {distinct[^1]}";
    }

    private static string Counted(RequirementResult requirement) =>
        requirement.Counted.Count == 0 ? "no sign-off needed" : "signed off by " + Names(requirement.Counted.Select(c => c.Team is null ? c.PersonName : $"{c.PersonName} for {c.Team}"));

    private static string Person(Candidate candidate, OrgDirectory org, ForgeKind forge)
    {
        var handle = org.FindPerson(candidate.PersonId) is { } person ? (forge == ForgeKind.GitHub ? person.GitHub : person.GitLab) : null;
        var level = candidate.Level is null ? "" : $", {MarkdownText.Escape(candidate.Level, 40)}";
        return handle is null
            ? $"{MarkdownText.Escape(candidate.Name, 100)}{(level.Length == 0 ? "" : $" ({level[2..]})")}"
            : $"{MarkdownText.Escape(candidate.Name, 100)} ({MarkdownText.Mention(handle)}{level})";
    }

    /// <summary>A reviewer's handle, shown and not pinged: a well-formed login in a code span (forges never link mentions there).</summary>
    private static string Handle(string login) =>
        MarkdownText.Mention(login) is { } mention && mention.StartsWith('@') ? $"`{mention}`" : MarkdownText.Escape(login, 60);

    private static string Kind(Core.SignOffs.SignOff signOff) => signOff.Kind switch
    {
        Core.SignOffs.SignOffKind.Approve => "approval",
        Core.SignOffs.SignOffKind.Reject => "rejection",
        _ => "break-glass",
    };

    private static string Icon(OverallStatus status) => status switch
    {
        OverallStatus.Satisfied => "✅",
        OverallStatus.Pending => "⏳",
        OverallStatus.Rejected => "❌",
        _ => "🧊",
    };

    private static string Provenance(ChangeFacts change)
    {
        var status = change.Status switch
        {
            ProvenanceStatus.Ai => "AI-assisted",
            ProvenanceStatus.AiSuggested => "AI-suggested",
            ProvenanceStatus.HumanDeclared => "declared human",
            _ => "unknown",
        };
        var tools = change.Tools.Count == 0 ? "" : $" ({string.Join(", ", change.Tools)}"
            + (change.AiLineShare is { } share ? $", {(share * 100).ToString("0", CultureInfo.InvariantCulture)}% of added lines" : "") + ")";
        var commits = $"; {change.Commits.Count} commit{(change.Commits.Count == 1 ? "" : "s")}, patch {Short(change.PatchId)}";
        return status + tools + commits;
    }

    private static string Risk(ChangeFacts change)
    {
        var blast = change.BlastRadius.Class.ToString() switch
        {
            "MultiService" => "multi-service",
            var other => other.ToLowerInvariant(),
        };
        var top = change.Risk.Factors.OrderByDescending(f => f.Points).Take(3).Where(f => f.Points > 0).Select(f => f.Name).ToList();
        return $"{change.Risk.Score.ToString("0", CultureInfo.InvariantCulture)}/100{(top.Count == 0 ? "" : $" ({string.Join(", ", top)})")}; blast radius {blast}";
    }

    private static string Short(string sha) => sha.Length > 10 ? sha[..10] : sha.Length == 0 ? "none" : sha;

    /// <summary>A link target that cannot break out of <c>(…)</c>: the server's own address, with parentheses and spaces percent-encoded.</summary>
    private static string LinkTarget(Uri url) =>
        url.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)
            .Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);
}
