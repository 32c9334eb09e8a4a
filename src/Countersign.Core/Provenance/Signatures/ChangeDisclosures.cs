namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// How a pull or merge request discloses AI assistance: labels (<c>ai-assisted</c>, a tool's id such as
/// <c>copilot</c>) and phrases that, in a <em>checked</em> checkbox of the description, declare it.
/// </summary>
/// <param name="Confidence">The confidence of a disclosure's evidence.</param>
/// <param name="Labels">Labels (whole, case-insensitive) that declare AI assistance; a label that is a tool's id names that tool too.</param>
/// <param name="Phrases">Phrases (case-insensitive, whole words) that declare AI assistance in a checked checkbox.</param>
public sealed record ChangeDisclosures(double Confidence, IReadOnlyList<string> Labels, IReadOnlyList<string> Phrases)
{
    public static readonly ChangeDisclosures None = new(0.9, [], []);
}
