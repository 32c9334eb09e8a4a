using Countersign.Core.Policy.Evaluation;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Requirements;

public sealed class UnknownApproverTests
{
    [Theory]
    [InlineData("ghost")]
    [InlineData("erin@acme.test")] // sign-offs carry person ids, never e-mails
    [InlineData("")]
    public void ASignOffFromSomeoneNotInTheDirectoryNeverCounts(string approver)
    {
        var rule = EvaluateRule(Requires(), new ChangeFactsBuilder(), Said(approver));
        Assert.Equal(RuleStatus.Pending, rule.Status);
        var note = Assert.Single(rule.Requirement!.NotCounted);
        Assert.Equal($"{approver} is not in the org directory", note.Reason);
        Assert.Equal(approver, note.PersonName);
    }

    [Fact]
    public void AnUnknownRejectionBlocksNothing()
    {
        var rule = EvaluateRule(Requires(), new ChangeFactsBuilder(), Said("erin", "-ghost"));
        Assert.Equal(RuleStatus.Approved, rule.Status);
        Assert.Empty(rule.Requirement!.Rejections);
    }
}
