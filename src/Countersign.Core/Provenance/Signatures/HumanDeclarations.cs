namespace Countersign.Core.Provenance.Signatures;

/// <summary>Explicit human declarations: trailers and stand-alone body sentences ("No AI was used").</summary>
public sealed record HumanDeclarations(double Confidence, IReadOnlyList<DeclarationTrailer> Trailers, IReadOnlyList<string> Sentences)
{
    public static readonly HumanDeclarations None = new(0.9, [], []);
}
