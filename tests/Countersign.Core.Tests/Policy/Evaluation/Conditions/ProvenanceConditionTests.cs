using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using Countersign.Core.Provenance;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Conditions;

public sealed class ProvenanceConditionTests
{
    private static ProvenanceCondition Status(params ProvenanceStatus[] statuses) => new(statuses, null, null, At);

    private static ProvenanceCondition Share(double atLeast) => new(null, null, new NumberRange(AtLeast: atLeast), At);

    public static TheoryData<string, Func<ChangeFactsBuilder, ChangeFactsBuilder>, ProvenanceCondition, bool, string> Cases() => new()
    {
        { "an AI-assisted change", c => c, Status(ProvenanceStatus.Ai), true, "provenance is AI-assisted" },
        { "an AI-assisted change is not declared human", c => c, Status(ProvenanceStatus.HumanDeclared), false, "provenance is AI-assisted, not declared human" },
        { "one AI commit among human ones makes the change AI-assisted", c => c.Provenance(ProvenanceStatus.HumanDeclared).Commit(ProvenanceStatus.Ai), Status(ProvenanceStatus.Ai), true, "provenance is AI-assisted" },
        { "every commit declared human", c => c.Provenance(ProvenanceStatus.HumanDeclared).Commit(ProvenanceStatus.HumanDeclared), Status(ProvenanceStatus.HumanDeclared), true, "provenance is declared human" },
        { "one undeclared commit makes the change unknown", c => c.Provenance(ProvenanceStatus.HumanDeclared).Commit(ProvenanceStatus.Unknown), Status(ProvenanceStatus.Unknown), true, "provenance is unknown" },
        { "merge commits need no declaration", c => c.Provenance(ProvenanceStatus.HumanDeclared).Commit(ProvenanceStatus.Unknown, isMerge: true), Status(ProvenanceStatus.HumanDeclared), true, "provenance is declared human" },
        { "an AI reviewer's suggestion", c => c.Provenance(ProvenanceStatus.AiSuggested), Status(ProvenanceStatus.Ai, ProvenanceStatus.AiSuggested), true, "provenance is AI-suggested" },
        { "a named tool", c => c, new ProvenanceCondition(null, ["Claude-Code"], null, At), true, "written with claude-code" },
        { "an absent tool", c => c, new ProvenanceCondition(null, ["cursor", "aider"], null, At), false, "no commit names cursor or aider" },
        { "a whole AI commit counts every added line as AI", c => c, Share(0.5), true, "AI line share 100% is ≥ 0.5" },
        { "line attribution gives the share", c => c.AiShare(0.2), Share(0.5), false, "AI line share 20% is not ≥ 0.5" },
        { "line attribution above the bound", c => c.AiShare(0.8), Share(0.5), true, "AI line share 80% is ≥ 0.5" },
        { "no added lines, no share", c => c.OnlyFile("a.txt", added: 0), Share(0), false, "no added lines, so no AI line share" },
        { "every part must hold", c => c, new ProvenanceCondition([ProvenanceStatus.Ai], ["cursor"], null, At), false, "provenance is AI-assisted; no commit names cursor" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ProvenanceMatchesByStatusToolAndLineShareAndSaysWhy(string name, Func<ChangeFactsBuilder, ChangeFactsBuilder> change, ProvenanceCondition condition, bool matched, string explanation)
    {
        var result = Check(condition, change(new ChangeFactsBuilder()));
        Assert.True(matched == result.Matched, $"{name}: {result.Explanation}");
        Assert.Equal(explanation, result.Explanation);
        Assert.Equal("provenance", result.Key);
    }
}
