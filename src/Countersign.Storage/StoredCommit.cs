using Countersign.Core.Provenance;

namespace Countersign.Storage;

/// <summary>
/// A commit as stored, shaped as the <c>--commits-out</c> JSON Lines object (docs/commits-schema.md).
/// </summary>
public sealed record StoredCommit(
    string Sha,
    IReadOnlyList<string> Parents,
    StoredIdentity Author,
    StoredIdentity Committer,
    string Subject,
    bool IsMerge,
    string? ReadProblem,
    StoredProvenance Ai,
    StoredStats Stats,
    IReadOnlyList<StoredFile> Files,
    StoredFeatures Features);

public sealed record StoredIdentity(string Name, string Email, string Time);

public sealed record StoredProvenance(
    bool Assisted,
    string Status,
    IReadOnlyList<string> Tools,
    double Confidence,
    IReadOnlyList<Evidence> Evidence,
    StoredLines? Lines);

public sealed record StoredLines(long Ai, long Human, long Unknown, IReadOnlyList<string> Sources);

public sealed record StoredStats(int Files, long Added, long Deleted, int BinaryFiles);

public sealed record StoredFile(string Path, string? OldPath, int? Added, int? Deleted, bool Binary, int? AiLines, int? HumanLines, int? UnknownLines);

public sealed record StoredFeatures(
    int Ns, int Nd, int Nf, double Entropy, int La, int Ld, long Lt, bool Fix, int Ndev, double Age, int Nuc, int Exp, double Rexp, int Sexp);
