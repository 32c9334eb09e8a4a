namespace Countersign.Core.History.Jit;

/// <summary>
/// Just-in-time defect-prediction features of one commit (Kamei et al., TSE 2013), computed from the
/// history walked before it. Names follow the paper; see docs/commits-schema.md for exact definitions.
/// </summary>
/// <param name="NS">Distinct subsystems (top-level folders) touched.</param>
/// <param name="ND">Distinct directories touched.</param>
/// <param name="NF">Files touched.</param>
/// <param name="Entropy">Shannon entropy (bits) of changed lines across files.</param>
/// <param name="LA">Lines added.</param>
/// <param name="LD">Lines deleted.</param>
/// <param name="LT">Lines in the touched files before the change.</param>
/// <param name="Fix">Whether the change is a fix.</param>
/// <param name="NDev">Distinct developers who changed the touched files before.</param>
/// <param name="Age">Mean days since the touched files were last changed (0 for new files only).</param>
/// <param name="Nuc">Distinct earlier changes to the touched files.</param>
/// <param name="Exp">The author's earlier changes.</param>
/// <param name="RExp">The author's earlier changes weighted by recency: Σ 1/(years ago + 1).</param>
/// <param name="SExp">The author's earlier changes to the subsystems this change touches.</param>
public sealed record JitFeatures(
    int NS,
    int ND,
    int NF,
    double Entropy,
    int LA,
    int LD,
    long LT,
    bool Fix,
    int NDev,
    double Age,
    int Nuc,
    int Exp,
    double RExp,
    int SExp);
