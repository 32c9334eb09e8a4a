using System.Text;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Evaluation;
using Countersign.Server.Forges;
using static Countersign.Server.Tests.Forges.VerdictSamples;

namespace Countersign.Server.Tests.Forges;

public sealed class VerdictMarkdownTests
{
    [Fact]
    public void APendingVerdictsTitleSaysHowManySignOffsFromWhomAndWhoCanGiveThem()
    {
        var result = Result(OverallStatus.Pending, [SeniorRule(RuleStatus.Pending)]);

        Assert.Equal("Waiting for 1 sign-off: someone senior who owns payments (Ana Senior, Ben Boss)", VerdictMarkdown.Title(result));
    }

    [Fact]
    public void TheOtherVerdictsTitlesNameWhoSignedOffRejectedOrWhatIsFrozen()
    {
        var signed = Result(OverallStatus.Satisfied, [SeniorRule(RuleStatus.Approved, counted: [new(Approval("ana"), "Ana Senior", null)])]);
        var rejected = Result(OverallStatus.Rejected, [SeniorRule(RuleStatus.Disapproved, rejections: [new(Rejection("ben"), "Ben Boss", null)])]);
        var frozen = Result(OverallStatus.Frozen, [SeniorRule(RuleStatus.Approved, counted: [new(Approval("ana"), "Ana Senior", null)])],
            [new FreezeResult("release-week", true, false, "in force until 2026-12-07 00:00Z", new SourceSpan("policy.yml", 9, 3))]);

        Assert.Equal("Signed off by Ana Senior", VerdictMarkdown.Title(signed));
        Assert.Equal("Rejected by Ben Boss (payments-senior)", VerdictMarkdown.Title(rejected));
        Assert.Equal("Frozen: release-week — in force until 2026-12-07 00:00Z", VerdictMarkdown.Title(frozen));
    }

    [Fact]
    public void ThePendingSummaryListsEachRuleWhoCanSignOffAndWhyForgeReviewsDoNotCount()
    {
        var rule = SeniorRule(RuleStatus.Pending,
            notCounted: [new(Approval("mid"), "Mo Mid", "Mo Mid is mid, and the rule needs senior or above")],
            dismissed: [new(Approval("ana"), "Ana Senior", "new content since then (the patch changed)")]);
        var publication = Publication(Result(OverallStatus.Pending, [rule]), reviews:
        [
            new ReviewNote("mid", "mid", ReviewVerdict.Approved, Head, false, "not senior enough for payments-senior"),
            new ReviewNote("ana", "ana", ReviewVerdict.Approved, "aaaaaaaaaabbbbbbbbbb", false, "dismissed: new content since then"),
        ]);

        var summary = VerdictMarkdown.Summary(publication, ForgeKind.GitHub);

        Assert.StartsWith("### ⏳ Waiting for 1 sign\\-off: someone senior who owns payments \\(Ana Senior, Ben Boss\\)\n", summary, StringComparison.Ordinal);
        Assert.Contains("- ⏳ **payments\\-senior**: needs 1 more approval from someone senior who owns payments\n", summary, StringComparison.Ordinal);
        Assert.Contains("  - can give it: Ana Senior (@ana, senior), Ben Boss (@ben, staff)\n", summary, StringComparison.Ordinal);
        Assert.Contains("  - not counted: Mo Mid's approval — Mo Mid is mid, and the rule needs senior or above\n", summary, StringComparison.Ordinal);
        Assert.Contains("  - dismissed: Ana Senior's approval — new content since then \\(the patch changed\\)\n", summary, StringComparison.Ordinal);
        Assert.Contains("- `@mid` approved `1111111111` — does not count: not senior enough for payments\\-senior\n", summary, StringComparison.Ordinal);
        Assert.Contains("- `@ana` approved `aaaaaaaaaa` — does not count: dismissed: new content since then\n", summary, StringComparison.Ordinal);
        Assert.Contains("**Provenance:** AI\\-assisted \\(claude\\-code, 100% of added lines\\); 1 commit, patch patch1patc\n", summary, StringComparison.Ordinal);
        Assert.Contains("**Risk:** 35/100 \\(ai\\-share, tier\\); blast radius service\n", summary, StringComparison.Ordinal);
        Assert.EndsWith("[Open this change in Countersign](https://countersign.example.com/ui/changes/42) to see every detail and sign off.\n", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void OnGitLabThePeopleAreNamedByTheirGitLabUsernames()
    {
        var summary = VerdictMarkdown.Summary(Publication(Result(OverallStatus.Pending, [SeniorRule(RuleStatus.Pending)])), ForgeKind.GitLab);

        Assert.Contains("can give it: Ana Senior (@ana, senior), Ben Boss (@ben, staff)", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Reviews on", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void HostileNamesHandlesReasonsAndCommentsCannotInjectMarkupLinksOrMentions()
    {
        const string hostile = "<img src=x onerror=alert(1)>[win](https://evil.test) @everyone #1 \u001b[31m\n# Approved";
        var org = Org(seniorName: hostile, seniorHandle: "ana](https://evil.test)");
        var rule = SeniorRule(RuleStatus.Pending,
            notCounted: [new(Approval("mid"), hostile, hostile)],
            rejections: [],
            candidates: [new Candidate("ana", hostile, "senior", ["payments"], "senior")],
            name: "rule <b>|x|</b>");
        var publication = Publication(Result(OverallStatus.Pending, [rule]), org,
            [new ReviewNote("mid\"><script>", null, ReviewVerdict.Approved, Head, false, hostile)]);

        var summary = VerdictMarkdown.Summary(publication, ForgeKind.GitHub);
        var title = VerdictMarkdown.Title(publication.Detail.Result);

        Assert.DoesNotContain("<img", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("](https://evil.test)", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("@everyone", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("#1", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("\n# Approved", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("@ana", summary, StringComparison.Ordinal);
        Assert.Contains("&lt;img src\\=x onerror\\=alert\\(1\\)&gt;\\[win\\]\\(https\\://evil\\.test\\) ＠everyone ＃1 \\[31m \\# Approved", summary, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', title);
        Assert.DoesNotContain('\n', title);
    }

    [Fact]
    public void ASummaryOverGitHubsLimitKeepsWholeLinesSaysHowManyMoreAndKeepsTheLink()
    {
        var rules = Enumerable.Range(0, 900).Select(i => SeniorRule(RuleStatus.Pending, name: $"rule-{i}-{new string('ü', 60)}",
            notCounted: [new(Approval("mid"), "Mo Mid", new string('\\', 150) + "<" + new string('漢', 100))])).ToList();
        var publication = Publication(Result(OverallStatus.Pending, rules));

        var summary = VerdictMarkdown.Summary(publication, ForgeKind.GitHub);

        Assert.InRange(Encoding.UTF8.GetByteCount(summary), 60_000, VerdictMarkdown.GitHubSummaryLimit);
        Assert.Matches(@"\n_… [0-9]+ more not shown; see the dashboard\._\n", summary);
        Assert.EndsWith("[Open this change in Countersign](https://countersign.example.com/ui/changes/42) to see every detail and sign off.\n", summary, StringComparison.Ordinal);
        foreach (var line in summary.Split('\n'))
        {
            // Every line ends where a whole line ended: no escape left open, no entity cut.
            Assert.False(line.EndsWith('\\') && !line.EndsWith("\\\\", StringComparison.Ordinal), line);
            Assert.DoesNotMatch("&[a-z]*$", line);
        }
    }

    [Fact]
    public void WithoutTheDashboardsAddressTheSummarySaysHowToConfigureIt()
    {
        var publication = Publication(Result(OverallStatus.Pending, [SeniorRule(RuleStatus.Pending)])) with { ChangeUrl = null };

        var summary = VerdictMarkdown.Summary(publication, ForgeKind.GitHub);

        Assert.Contains("`serve --public-url`", summary, StringComparison.Ordinal);
    }
}
