namespace Countersign.Core.Provenance.Signatures;

/// <summary>A trailer key and the values that declare no AI was used (<c>AI-Assisted: no</c>, <c>Assisted-by: none</c>).</summary>
public sealed record DeclarationTrailer(string Key, IReadOnlyList<string> Values);
