using Countersign.Core.Organisation;
using Countersign.Core.Policy;
using Countersign.Core.Policy.Compilation;
using Countersign.Core.Policy.Evaluation;
using Countersign.Core.Provenance;
using Countersign.Core.BlastRadius;

namespace Countersign.Core.Tests.Policy.Compilation;

/// <summary>The policy <c>countersign init</c> writes says what the product promises, and compiles against the default levels.</summary>
public sealed class DefaultPolicyTests
{
    private static CompiledPolicy Default(OrgDirectory? org = null) => Compile.Valid(DefaultPolicy.Text, org: org ?? OrgDirectory.Empty);

    [Fact]
    public void ItCompilesWithoutWarningsAgainstTheDefaultLevels()
    {
        var result = PolicyLoader.Load(DefaultPolicy.Text, "default-policy.yaml", OrgDirectory.Empty, _ => null);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["ai-assisted-below-senior", "high-blast-radius", "large-ai-change"], result.Policy!.Rules.Select(r => r.Name));
    }

    [Fact]
    public void AnAiAssistedChangeByAnEngineerBelowSeniorNeedsASeniorOwnersSignOff()
    {
        var rule = Default().Rules[0];
        Assert.Equal("all(provenance(status=ai), author(level=below senior))", CompiledText.Of(rule.If!));
        Assert.Equal("from(level=senior or above; owners=affected|codeowners)", CompiledText.Of(rule.Requires.From));
        Assert.Equal((1, RuleMode.Enforce, StalenessMode.AnyChange), (rule.Requires.Count, rule.Mode, rule.Requires.InvalidateOn));
    }

    [Fact]
    public void AHighBlastRadiusNeedsTwoSeniorsFromDistinctTeams()
    {
        var rule = Default().Rules[1];
        Assert.Equal("any(blast_radius(class=critical|multi-service), blast_radius(score=≥ 20))", CompiledText.Of(rule.If!));
        Assert.Equal("from(level=senior or above)", CompiledText.Of(rule.Requires.From));
        Assert.Equal((2, true, RuleMode.Enforce), (rule.Requires.Count, rule.Requires.DistinctTeams, rule.Mode));
    }

    [Fact]
    public void ALargeMostlyAiChangeOnlyWarns()
    {
        var rule = Default().Rules[2];
        Assert.Equal("all(provenance(ai_line_share=≥ 0.8), size(lines=≥ 400))", CompiledText.Of(rule.If!));
        Assert.Equal(RuleMode.Warn, rule.Mode);
    }

    [Fact]
    public void ProductionDeploysAreFrozenOnFridayEveningsExceptForHotfixesAndStaffMayBreakTheGlass()
    {
        var policy = Default();
        var freeze = Assert.Single(policy.Freezes);
        Assert.Equal("friday-evening", freeze.Name);
        Assert.Equal("Fri, 17:00–24:00 Europe/Berlin", freeze.Window.ToString());
        Assert.Null(freeze.Branches);
        Assert.Equal(["production"], freeze.Environments);
        Assert.Equal("labels(any=hotfix)", CompiledText.Of(freeze.Except!));
        Assert.Equal(("from(level=staff or above)", 20, TimeSpan.FromHours(48)), (CompiledText.Of(policy.BreakGlass!.Allowed), policy.BreakGlass.MinReasonLength, policy.BreakGlass.ReviewWithin));
        Assert.Equal(["main", "master"], policy.ProtectedBranches.Select(b => b.Pattern));
    }

    [Fact]
    public void AJuniorsAiChangeToPaymentsWaitsForTheSeniorPaymentsOwner()
    {
        var policy = Default(PolicyTestOrg.Org);
        var change = new ChangeFactsBuilder().Provenance(ProvenanceStatus.Ai, "claude-code").Blast(BlastClass.Service, 4).Build();
        var result = PolicyTestOrg.Evaluate(policy, change);
        Assert.Equal([RuleStatus.Pending, RuleStatus.Skipped, RuleStatus.Skipped], result.Rules.Select(r => r.Status));
        var approved = PolicyTestOrg.Evaluate(policy, change, [PolicyTestOrg.Approve("erin", change)]);
        Assert.Equal(RuleStatus.Approved, approved.Rules[0].Status);
    }
}
