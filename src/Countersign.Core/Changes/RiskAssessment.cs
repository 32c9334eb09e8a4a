namespace Countersign.Core.Changes;

/// <summary>
/// A risk score in [0, 100] with the factors that make it up; <see cref="Factors"/> sum to <see cref="Score"/>
/// (before the cap at 100). <see cref="Model"/> names the model so a calibrated one can replace the interim one.
/// </summary>
public sealed record RiskAssessment(double Score, string Model, IReadOnlyList<RiskFactor> Factors)
{
    public static RiskAssessment None { get; } = new(0, "none", []);
}

/// <summary>One contribution to a risk score: what was measured, its value, and the points it adds.</summary>
public sealed record RiskFactor(string Name, string Value, double Points, string Explanation);
