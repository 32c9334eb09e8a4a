namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// A trailer whose value names the assisting tool (<c>Assisted-by: Claude:Opus-4.8</c>, <c>Generated-by: ChatGPT</c>).
/// <see cref="Affirmatives"/> are values that say "AI was used" without naming a tool (<c>AI-Assisted: yes</c>).
/// </summary>
public sealed record NamingTrailer(string Key, double Confidence, IReadOnlyList<string> Affirmatives);
