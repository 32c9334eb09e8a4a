using System.Globalization;
using Countersign.Core.BlastRadius;
using Countersign.Core.Changes;

namespace Countersign.Core.Risk;

/// <summary>
/// A hand-weighted risk score for a change, in [0, 100], until a model calibrated on defect data replaces it
/// (docs/risk.md). Every factor is always listed, with its measured value, the points it adds (rounded to 0.1) and
/// one sentence; the points sum to the score, which is capped at 100. Size carries the most weight: in the
/// just-in-time defect-prediction literature lines added alone is the strongest simple predictor.
/// </summary>
public static class InterimRiskModel
{
    public const string Name = "interim-v1";

    public const double LinesAddedPerTenfold = 7.5;
    public const double LinesAddedMax = 30;
    public const double FilesPerDoubling = 2;
    public const double FilesMax = 8;
    public const double DirectoriesPerDoubling = 2;
    public const double DirectoriesMax = 6;
    public const double PerExtraSubsystem = 3;
    public const double SubsystemsMax = 9;
    public const double EntropyMax = 6;
    public const double AiShareMax = 12;
    public const double BlastScorePerPoint = 0.25;
    public const double BlastScoreMax = 5;
    public const double MigrationPoints = 6;
    public const double InfrastructurePoints = 6;
    public const double OrgConfigPoints = 8;
    public const double NewAuthorPoints = 10;
    public const double ExperiencePerDoubling = 2.5;
    public const double UnknownAuthorPoints = 5;
    public const double FixPoints = 4;

    /// <summary>Points for each blast class (before the share of the blast score).</summary>
    public static double ClassPoints(BlastClass blastClass) => blastClass switch
    {
        BlastClass.Service => 2,
        BlastClass.MultiService => 6,
        BlastClass.Critical => 12,
        _ => 0,
    };

    public static RiskAssessment Assess(RiskInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var shape = ChangeShape.Of(inputs.Files);
        List<RiskFactor> factors =
        [
            LinesAdded(shape.LinesAdded),
            Spread("files", shape.Files, FilesPerDoubling, FilesMax, "file"),
            Spread("directories", shape.Directories, DirectoriesPerDoubling, DirectoriesMax, "directory"),
            Subsystems(shape.Subsystems),
            Entropy(shape),
            AiShare(inputs.AiLineShare),
            Blast(inputs.BlastRadius),
            Scopes(inputs.BlastRadius),
            Experience(inputs.AuthorPriorCommits),
            Fix(inputs.IsFix),
        ];
        var total = Math.Round(factors.Sum(f => f.Points), 1);
        return new RiskAssessment(Math.Min(100, total), Name, factors);
    }

    private static RiskFactor LinesAdded(int lines)
    {
        var points = Points(Math.Min(LinesAddedMax, LinesAddedPerTenfold * Math.Log10(1 + lines)));
        return new RiskFactor("lines added", Number(lines), points,
            $"{Number(lines)} line(s) added, the strongest simple predictor of defects: {Number(LinesAddedPerTenfold)} points per tenfold, at most {Number(LinesAddedMax)}.");
    }

    private static RiskFactor Spread(string name, int count, double perDoubling, double max, string unit)
    {
        var points = count <= 1 ? 0 : Points(Math.Min(max, perDoubling * Math.Log2(count)));
        return new RiskFactor(name, Number(count), points,
            $"{Number(count)} {unit}(s) touched: {Number(perDoubling)} points per doubling beyond one, at most {Number(max)}.");
    }

    private static RiskFactor Subsystems(int count)
    {
        var points = Points(Math.Min(SubsystemsMax, PerExtraSubsystem * Math.Max(0, count - 1)));
        return new RiskFactor("subsystems", Number(count), points,
            $"{Number(count)} top-level folder(s) touched: {Number(PerExtraSubsystem)} points for each beyond the first, at most {Number(SubsystemsMax)}.");
    }

    private static RiskFactor Entropy(ChangeShape shape)
    {
        var points = Points(EntropyMax * shape.NormalisedEntropy);
        return new RiskFactor("entropy", shape.NormalisedEntropy.ToString("0.00", CultureInfo.InvariantCulture), points,
            $"Churn spread over the files (0 = in one file, 1 = evenly over all): scattered changes are riskier, up to {Number(EntropyMax)} points.");
    }

    private static RiskFactor AiShare(double? share)
    {
        if (share is not { } s)
        {
            return new RiskFactor("AI share", "n/a", 0, "No lines were added, so there is no AI share to weigh.");
        }

        return new RiskFactor("AI share", (s * 100).ToString("0", CultureInfo.InvariantCulture) + "%", Points(AiShareMax * Math.Clamp(s, 0, 1)),
            $"Share of added lines written by AI: up to {Number(AiShareMax)} points when all of them were.");
    }

    private static RiskFactor Blast(BlastRadiusResult? blast)
    {
        if (blast is null)
        {
            return new RiskFactor("blast radius", "n/a", 0, "The blast radius was not computed.");
        }

        var classPoints = ClassPoints(blast.Class);
        var scorePoints = Math.Min(BlastScoreMax, BlastScorePerPoint * blast.Score);
        var value = $"{Describe(blast.Class)} (score {Number(blast.Score)})";
        return new RiskFactor("blast radius", value, Points(classPoints + scorePoints),
            $"{Number(classPoints)} points for a {Describe(blast.Class)} change plus {Number(BlastScorePerPoint)} per blast-radius point, at most {Number(BlastScoreMax)}.");
    }

    private static RiskFactor Scopes(BlastRadiusResult? blast)
    {
        var hit = (blast?.Scopes ?? []).Select(s => s.Kind).Where(k => ScopePoints(k) > 0).Distinct().Order().ToList();
        var value = hit.Count == 0 ? "none" : string.Join(", ", hit.Select(Describe));
        return new RiskFactor("special scopes", value, Points(hit.Sum(ScopePoints)),
            $"Schema migrations and infrastructure add {Number(MigrationPoints)} points each, organisation-wide configuration {Number(OrgConfigPoints)}.");
    }

    private static double ScopePoints(SpecialScopeKind kind) => kind switch
    {
        SpecialScopeKind.SchemaMigration => MigrationPoints,
        SpecialScopeKind.Infrastructure => InfrastructurePoints,
        SpecialScopeKind.OrgConfig => OrgConfigPoints,
        _ => 0,
    };

    private static RiskFactor Experience(int? priorCommits)
    {
        if (priorCommits is not { } n)
        {
            return new RiskFactor("author experience", "unknown", UnknownAuthorPoints,
                $"The author's earlier commits are unknown, which counts as half of a newcomer's {Number(NewAuthorPoints)} points.");
        }

        var points = Points(Math.Max(0, NewAuthorPoints - (ExperiencePerDoubling * Math.Log2(1 + Math.Max(0, n)))));
        return new RiskFactor("author experience", Number(n), points,
            $"{Number(n)} earlier commit(s) by the author: a newcomer adds {Number(NewAuthorPoints)} points, {Number(ExperiencePerDoubling)} fewer per doubling.");
    }

    private static RiskFactor Fix(bool isFix) =>
        isFix
            ? new RiskFactor("fix", "yes", FixPoints, $"Fixes are more often defective than other changes: {Number(FixPoints)} points.")
            : new RiskFactor("fix", "no", 0, "The change does not say it fixes something.");

    private static double Points(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Describe(BlastClass blastClass) => blastClass switch
    {
        BlastClass.MultiService => "multi-service",
        _ => blastClass.ToString().ToLowerInvariant(),
    };

    private static string Describe(SpecialScopeKind kind) => kind switch
    {
        SpecialScopeKind.SchemaMigration => "schema migration",
        SpecialScopeKind.Infrastructure => "infrastructure",
        SpecialScopeKind.OrgConfig => "org-wide config",
        _ => kind.ToString(),
    };
}
