namespace Countersign.Core.BlastRadius;

/// <summary>
/// The documented weights of the blast-radius score (docs/blast-radius.md). Every number is configurable;
/// these defaults are what <see cref="Default"/> returns.
/// </summary>
public sealed record BlastRadiusOptions
{
    public static readonly BlastRadiusOptions Default = new();

    /// <summary>Weight of a component by tier (1 = most critical). Components without a tier weigh <see cref="UntieredWeight"/>.</summary>
    public IReadOnlyDictionary<int, double> TierWeights { get; init; } = new Dictionary<int, double> { [1] = 8, [2] = 4, [3] = 2, [4] = 1 };

    public double UntieredWeight { get; init; } = 1;

    /// <summary>A dependent at depth d counts weight × decay^d.</summary>
    public double DepthDecay { get; init; } = 0.5;

    /// <summary>Dependents further than this are not followed (cycles end anyway).</summary>
    public int MaxDepth { get; init; } = 6;

    public double MultiServiceScore { get; init; } = 8;

    public double CriticalScore { get; init; } = 20;

    public IReadOnlyList<SpecialScope> Scopes { get; init; } =
    [
        new(SpecialScopeKind.OrgConfig, ["config/global/**", ".github/workflows/**", "**/.env.production", "**/global.yaml", "**/global.json"], 10),
        new(SpecialScopeKind.SharedLibrary, ["libs/**", "lib/**", "shared/**", "packages/common/**", "**/common/**"], 4),
        new(SpecialScopeKind.SchemaMigration, ["**/migrations/**", "**/migrate/**", "**/*.sql", "**/schema.prisma", "**/alembic/versions/**"], 6),
        new(SpecialScopeKind.Infrastructure, ["**/*.tf", "**/*.tfvars", "infra/**", "terraform/**", "**/helm/**", "**/k8s/**", "**/kustomization.yaml", "**/Dockerfile"], 6),
        new(SpecialScopeKind.FeatureFlags, ["config/feature-flags/**", "**/feature-flags/**", "**/flags.yaml", "**/featureflags/**"], 3),
    ];

    public double WeightOfTier(int? tier) => tier is { } t && TierWeights.TryGetValue(t, out var w) ? w : UntieredWeight;
}
