using Countersign.Core.Policy;
using Countersign.Core.Policy.Conditions;
using static Countersign.Core.Tests.Policy.PolicyTestOrg;

namespace Countersign.Core.Tests.Policy.Evaluation.Conditions;

public sealed class PathsConditionTests
{
    private static IReadOnlyList<PolicyGlob> Globs(params string[] patterns) => patterns.Select(p => new PolicyGlob(p)).ToList();

    public static TheoryData<string, Func<ChangeFactsBuilder, ChangeFactsBuilder>, PathsCondition, bool, string> Cases() => new()
    {
        { "any: a changed file matches", c => c, new(Globs("services/payments/**"), null, null, At), true, "services/payments/charge.go matches services/payments/**" },
        { "any: nothing matches", c => c, new(Globs("docs/**", "*.md"), null, null, At), false, "no changed file matches docs/**, *.md" },
        { "* stays inside a segment", c => c, new(Globs("services/*.go"), null, null, At), false, "no changed file matches services/*.go" },
        { "only: every file matches", c => c.File("services/payments/refund.go"), new(null, Globs("services/**"), null, At), true, "every changed file matches services/**" },
        { "only: one file outside", c => c.File("docs/a.md"), new(null, Globs("services/**"), null, At), false, "docs/a.md is outside services/**" },
        { "only: no files changed", c => c.NoFiles(), new(null, Globs("docs/**"), null, At), false, "no files changed" },
        { "none: no file matches", c => c, new(null, null, Globs("**/*.sql"), At), true, "no changed file matches **/*.sql" },
        { "none: a file matches", c => c.File("db/migrations/001.sql"), new(null, null, Globs("**/*.sql"), At), false, "db/migrations/001.sql matches **/*.sql" },
        { "a renamed file counts under its old name", c => c.File("lib/charge.go", oldPath: "services/payments/old.go"), new(Globs("services/payments/old.go"), null, null, At), true, "services/payments/old.go matches" },
        { "matching is case-sensitive like git", c => c, new(Globs("Services/**"), null, null, At), false, "no changed file matches Services/**" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PathsMatchAnyOnlyAndNoneAndSayWhy(string name, Func<ChangeFactsBuilder, ChangeFactsBuilder> change, PathsCondition condition, bool matched, string explanation)
    {
        var result = Check(condition, change(new ChangeFactsBuilder()));
        Assert.True(matched == result.Matched, $"{name}: {result.Explanation}");
        Assert.Contains(explanation, result.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("services/payments/a.go", true)]
    [InlineData("docs/a.md", false)]
    [InlineData("services/ledger/a.go", false)]
    public void TheRulesOwnPathsAreTheAnyAndOnlyGlobs(string path, bool selected)
    {
        var condition = new PathsCondition(Globs("services/payments/**"), null, Globs("docs/**"), At);
        Assert.Equal(selected, condition.Selects(path));
    }
}
