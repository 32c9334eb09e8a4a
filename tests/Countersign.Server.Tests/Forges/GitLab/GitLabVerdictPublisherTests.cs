using Countersign.Core.Policy.Evaluation;
using Countersign.Server.Forges;
using Countersign.Server.Forges.GitLab;

namespace Countersign.Server.Tests.Forges.GitLab;

/// <summary>A verdict as the outbox messages GitLab gets: the commit status and the external status check's answer.</summary>
public sealed class GitLabVerdictPublisherTests
{
    private readonly GitLabVerdictPublisher publisher = new();

    [Theory]
    [InlineData(OverallStatus.Satisfied, "success", "passed")]
    [InlineData(OverallStatus.Pending, "pending", "failed")]
    [InlineData(OverallStatus.Rejected, "failed", "failed")]
    [InlineData(OverallStatus.Frozen, "failed", "failed")]
    public void EachVerdictIsACommitStatusAndACheckAnswer(OverallStatus status, string state, string check)
    {
        var page = new Uri("https://countersign.example.com/ui/changes/1");

        var messages = publisher.Messages(Verdicts.On(status, "all 1 applying enforced rule is signed off", page: page));

        Assert.Equal(2, messages.Count);
        var commitStatus = messages[0];
        Assert.Equal(ForgeKind.GitLab, commitStatus.Target);
        Assert.Equal("commit-status", commitStatus.Kind);
        Assert.Equal($"commit-status:{Verdicts.Project}:{Verdicts.Sha}", commitStatus.Slot);
        Assert.Equal(Verdicts.Project, commitStatus.Payload["project_id"]!.GetValue<long>());
        Assert.Equal(Verdicts.Sha, commitStatus.Payload["sha"]!.GetValue<string>());
        Assert.Equal(state, commitStatus.Payload["state"]!.GetValue<string>());
        Assert.Equal("countersign", commitStatus.Payload["name"]!.GetValue<string>());
        Assert.Equal(VerdictMarkdown.Title(Verdicts.On(status, "").Detail.Result, 255), commitStatus.Payload["description"]!.GetValue<string>());
        Assert.Equal("https://countersign.example.com/ui/changes/1", commitStatus.Payload["target_url"]!.GetValue<string>());
        var answer = messages[1];
        Assert.Equal("external-status-check", answer.Kind);
        Assert.Equal($"external-status-check:{Verdicts.Project}:7:{Verdicts.Sha}", answer.Slot);
        Assert.Equal(7, answer.Payload["merge_request_iid"]!.GetValue<int>());
        Assert.Equal(Verdicts.Sha, answer.Payload["sha"]!.GetValue<string>());
        Assert.Equal(check, answer.Payload["status"]!.GetValue<string>());
    }

    [Fact]
    public void WithoutAPublicUrlThereIsNoLinkAndWithoutAMergeRequestNoCheckAnswer()
    {
        var messages = publisher.Messages(Verdicts.On(OverallStatus.Pending, "pending", iid: null));

        var only = Assert.Single(messages);
        Assert.False(only.Payload.ContainsKey("target_url"));
    }

    [Fact]
    public void TheDescriptionSaysWhichApprovalsDoNotCountAndWhy()
    {
        var reviews = new[]
        {
            new ReviewNote("mid.dev", "mid", ReviewVerdict.Approved, Verdicts.Sha, false, "not senior enough"),
            new ReviewNote("ana", "ana", ReviewVerdict.Approved, Verdicts.Sha, true, null),
        };

        var description = GitLabVerdictPublisher.Description(Verdicts.On(OverallStatus.Pending, "1 of 1 applying enforced rule needs sign-off", reviews: reviews));

        Assert.Equal("Waiting for 1 sign-off: someone senior who owns payments (Erin Senior, Sam Senior); not counted: @mid.dev (not senior enough)", description);
    }

    [Fact]
    public void AHostileDescriptionIsNeutralisedAndFitsGitLabsLimit()
    {
        var reviews = new[]
        {
            new ReviewNote("evil\u202e\u001b]8;;https://evil.example\u0007", null, ReviewVerdict.Approved, Verdicts.Sha, false, "not in the directory\r\nInjected: yes " + new string('x', 1000)),
        };

        var description = GitLabVerdictPublisher.Description(Verdicts.On(OverallStatus.Pending, "", reviews: reviews));

        Assert.True(description.Length <= 255, $"{description.Length} characters");
        Assert.DoesNotContain(description, c => char.IsControl(c) || c == '\u202e');
        Assert.StartsWith("Waiting for 1 sign-off: someone senior who owns payments (Erin Senior, Sam Senior); not counted: @evil", description, StringComparison.Ordinal);
        Assert.EndsWith("…", description, StringComparison.Ordinal);
    }
}
