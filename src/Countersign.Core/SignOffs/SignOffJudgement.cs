using Countersign.Core.Policy.Evaluation;

namespace Countersign.Core.SignOffs;

/// <summary>
/// Whether a sign-off that is not stored yet would count: <see cref="Counts"/>, or the reasons it is refused (one line
/// per applying rule). <see cref="Simulated"/> is the policy's result with the sign-off among the others, and
/// <see cref="Rules"/> the rules it counts for (or rejects) there — what an attestation names.
/// </summary>
public sealed record SignOffJudgement(SignOff SignOff, PolicyResult Simulated, IReadOnlyList<string>? Refusal, IReadOnlyList<string> Rules)
{
    public bool Counts => Refusal is null;
}
