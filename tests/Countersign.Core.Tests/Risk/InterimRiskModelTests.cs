using Countersign.Core.BlastRadius;
using Countersign.Core.Changes;
using Countersign.Core.History;
using Countersign.Core.Risk;

namespace Countersign.Core.Tests.Risk;

public sealed class InterimRiskModelTests
{
    private static FileChange F(string path, int added, int deleted = 0) => new(path, added, deleted);

    /// <summary>One file, nothing else known to be risky: an experienced author, no AI, no blast radius.</summary>
    private static RiskInputs Plain(params FileChange[] files) => new() { Files = files, AiLineShare = 0, AuthorPriorCommits = 1_000 };

    private static BlastRadiusResult Blast(BlastClass blastClass, double score, params SpecialScopeKind[] scopes) =>
        new([], [], scopes.Select(k => new ScopeHit(k, ["x"], 6)).ToList(), [], [], [], score, blastClass, []);

    private static RiskFactor Factor(RiskAssessment risk, string name) => Assert.Single(risk.Factors, f => f.Name == name);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9, 7.5)]
    [InlineData(99, 15)]
    [InlineData(999, 22.5)]
    [InlineData(9_999, 30)]
    [InlineData(1_000_000, 30)]
    public void LinesAddedAreLogScaled(int added, double points)
    {
        var risk = InterimRiskModel.Assess(Plain(F("a.cs", added)));

        Assert.Equal(points, Factor(risk, "lines added").Points);
        Assert.Equal(points, risk.Score);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 2)]
    [InlineData(4, 4)]
    [InlineData(16, 8)]
    [InlineData(100, 8)]
    public void FilesCountPerDoublingUpToTheCap(int count, double points)
    {
        var files = Enumerable.Range(0, count).Select(i => F($"src/f{i}.cs", 0)).ToArray();

        Assert.Equal(points, Factor(InterimRiskModel.Assess(Plain(files)), "files").Points);
    }

    [Theory]
    [InlineData(new[] { "a/x.cs" }, 1, 1, 0, 0)]
    [InlineData(new[] { "a/x.cs", "a/y.cs" }, 1, 1, 0, 0)]
    [InlineData(new[] { "a/x.cs", "a/b/y.cs" }, 2, 1, 2, 0)]
    [InlineData(new[] { "a/x.cs", "b/y.cs", "c/z.cs", "README.md" }, 4, 4, 4, 9)]
    [InlineData(new[] { "a/x", "b/x", "c/x", "d/x", "e/x", "f/x", "g/x", "h/x" }, 8, 8, 6, 9)]
    public void DirectoriesAndSubsystemsMeasureHowFarTheChangeSpreads(string[] paths, int directories, int subsystems, double directoryPoints, double subsystemPoints)
    {
        var risk = InterimRiskModel.Assess(Plain(paths.Select(p => F(p, 0)).ToArray()));

        Assert.Equal((directories.ToString(), directoryPoints), (Factor(risk, "directories").Value, Factor(risk, "directories").Points));
        Assert.Equal((subsystems.ToString(), subsystemPoints), (Factor(risk, "subsystems").Value, Factor(risk, "subsystems").Points));
    }

    [Theory]
    [InlineData(new[] { 10 }, "0.00", 0)]
    [InlineData(new[] { 10, 10 }, "1.00", 6)]
    [InlineData(new[] { 10, 10, 10, 10 }, "1.00", 6)]
    [InlineData(new[] { 100, 0 }, "0.00", 0)]
    [InlineData(new[] { 30, 10 }, "0.81", 4.9)]
    public void EntropyRewardsChangesKeptInOneFile(int[] churn, string value, double points)
    {
        var risk = InterimRiskModel.Assess(Plain(churn.Select((c, i) => F($"src/f{i}.cs", c)).ToArray()));

        Assert.Equal((value, points), (Factor(risk, "entropy").Value, Factor(risk, "entropy").Points));
    }

    [Theory]
    [InlineData(null, "n/a", 0)]
    [InlineData(0.0, "0%", 0)]
    [InlineData(0.5, "50%", 6)]
    [InlineData(1.0, "100%", 12)]
    public void TheAiShareAddsUpToTwelvePoints(double? share, string value, double points)
    {
        var risk = InterimRiskModel.Assess(Plain(F("a.cs", 0)) with { AiLineShare = share });

        Assert.Equal((value, points), (Factor(risk, "AI share").Value, Factor(risk, "AI share").Points));
    }

    [Theory]
    [InlineData(BlastClass.Contained, 0, 0)]
    [InlineData(BlastClass.Service, 2, 2.5)]
    [InlineData(BlastClass.MultiService, 8, 8)]
    [InlineData(BlastClass.Critical, 16, 16)]
    [InlineData(BlastClass.Critical, 60, 17)]
    public void TheBlastRadiusAddsItsClassAndAShareOfItsScore(BlastClass blastClass, double score, double points)
    {
        var risk = InterimRiskModel.Assess(Plain(F("a.cs", 0)) with { BlastRadius = Blast(blastClass, score) });

        Assert.Equal(points, Factor(risk, "blast radius").Points);
    }

    [Theory]
    [InlineData(new SpecialScopeKind[0], "none", 0)]
    [InlineData(new[] { SpecialScopeKind.SchemaMigration }, "schema migration", 6)]
    [InlineData(new[] { SpecialScopeKind.Infrastructure, SpecialScopeKind.SchemaMigration }, "schema migration, infrastructure", 12)]
    [InlineData(new[] { SpecialScopeKind.OrgConfig, SpecialScopeKind.Infrastructure, SpecialScopeKind.SchemaMigration }, "org-wide config, schema migration, infrastructure", 20)]
    [InlineData(new[] { SpecialScopeKind.SharedLibrary, SpecialScopeKind.FeatureFlags }, "none", 0)]
    public void MigrationsInfrastructureAndOrgConfigAreSpecialScopes(SpecialScopeKind[] scopes, string value, double points)
    {
        var risk = InterimRiskModel.Assess(Plain(F("a.cs", 0)) with { BlastRadius = Blast(BlastClass.Contained, 0, scopes) });

        Assert.Equal((value, points), (Factor(risk, "special scopes").Value, Factor(risk, "special scopes").Points));
    }

    [Theory]
    [InlineData(null, "unknown", 5)]
    [InlineData(0, "0", 10)]
    [InlineData(1, "1", 7.5)]
    [InlineData(3, "3", 5)]
    [InlineData(7, "7", 2.5)]
    [InlineData(15, "15", 0)]
    [InlineData(5_000, "5000", 0)]
    public void NewcomersAddMorePointsThanExperiencedAuthors(int? priorCommits, string value, double points)
    {
        var risk = InterimRiskModel.Assess(Plain(F("a.cs", 0)) with { AuthorPriorCommits = priorCommits });

        Assert.Equal((value, points), (Factor(risk, "author experience").Value, Factor(risk, "author experience").Points));
    }

    [Fact]
    public void AFixAddsFourPoints()
    {
        Assert.Equal(4, Factor(InterimRiskModel.Assess(Plain(F("a.cs", 0)) with { IsFix = true }), "fix").Points);
        Assert.Equal(0, Factor(InterimRiskModel.Assess(Plain(F("a.cs", 0))), "fix").Points);
    }

    [Fact]
    public void EveryFactorIsListedWithAValueAndOneSentenceAndTheirPointsSumToTheScore()
    {
        var risk = InterimRiskModel.Assess(new RiskInputs
        {
            Files = [F("services/pay/a.cs", 120, 4), F("services/pay/b.cs", 30), F("db/migrations/V2.sql", 12)],
            AiLineShare = 0.4,
            BlastRadius = Blast(BlastClass.MultiService, 9, SpecialScopeKind.SchemaMigration),
            AuthorPriorCommits = 2,
            IsFix = true,
        });

        Assert.Equal("interim-v1", risk.Model);
        Assert.Equal(
            ["lines added", "files", "directories", "subsystems", "entropy", "AI share", "blast radius", "special scopes", "author experience", "fix"],
            risk.Factors.Select(f => f.Name));
        Assert.All(risk.Factors, f =>
        {
            Assert.NotEmpty(f.Value);
            Assert.EndsWith(".", f.Explanation, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', f.Explanation);
        });
        Assert.Equal(Math.Round(risk.Factors.Sum(f => f.Points), 1), risk.Score);
        Assert.InRange(risk.Score, 50, 80);
    }

    [Fact]
    public void TheScoreIsCappedAtOneHundred()
    {
        var files = Enumerable.Range(0, 64).Select(i => F($"s{i % 8}/d{i}/f.cs", 500)).ToArray();

        var risk = InterimRiskModel.Assess(new RiskInputs
        {
            Files = files,
            AiLineShare = 1,
            BlastRadius = Blast(BlastClass.Critical, 40, SpecialScopeKind.OrgConfig, SpecialScopeKind.SchemaMigration, SpecialScopeKind.Infrastructure),
            AuthorPriorCommits = 0,
            IsFix = true,
        });

        Assert.True(risk.Factors.Sum(f => f.Points) > 100);
        Assert.Equal(100, risk.Score);
    }

    [Fact]
    public void AnEmptyChangeScoresOnlyWhatIsKnownAboutItsAuthor()
    {
        var risk = InterimRiskModel.Assess(new RiskInputs { Files = [], AuthorPriorCommits = 0 });

        Assert.Equal(10, risk.Score);
        Assert.Equal(10, Factor(risk, "author experience").Points);
    }
}
