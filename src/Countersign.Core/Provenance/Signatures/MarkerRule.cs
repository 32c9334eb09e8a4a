using System.Text.RegularExpressions;

namespace Countersign.Core.Provenance.Signatures;

/// <summary>A <see cref="SignatureMarker"/> of one tool, compiled: identity and regex ready, evidence values at hand.</summary>
internal sealed class MarkerRule
{
    // Built on first use: most rules never reach their pattern in a given history, and building one costs milliseconds.
    private readonly Lazy<Regex>? regex;

    // What every match starts with: a text without it is rejected before the regex is built or run.
    private readonly string? patternPrefix;
    private readonly IReadOnlyList<string> requiredLiterals;

    public MarkerRule(string toolId, SignatureMarker marker)
    {
        ToolId = toolId;
        Marker = marker;
        Identity = marker.Identity is null ? null : new CompiledIdentity(marker.Identity);
        regex = marker.Pattern is null ? null : new Lazy<Regex>(() => SignatureMatcher.CompileRegex(marker.Pattern));
        patternPrefix = marker.Pattern is null ? null : RegexPrefix.Literal(marker.Pattern);
        requiredLiterals = marker.Pattern is null ? [] : RegexPrefix.Required(marker.Pattern);
    }

    public string ToolId { get; }

    public SignatureMarker Marker { get; }

    public CompiledIdentity? Identity { get; }

    /// <summary>A trailer marker that looks at the value (not only the key).</summary>
    public bool HasValueCondition => Marker.Value is not null || Marker.ValuePrefix is not null || Marker.Pattern is not null || Identity is not null;

    public Evidence ToEvidence(EvidenceKind kind, string text, double confidenceFactor = 1.0) =>
        new(kind, ToolId, Evidence.Bound(text), Math.Round(Marker.Confidence * confidenceFactor, 3), Marker.Status);

    /// <summary>For trailer markers: does the (trimmed) value satisfy every value condition?</summary>
    public bool MatchesTrailerValue(string value, ReadOnlySpan<char> name, ReadOnlySpan<char> email)
    {
        var m = Marker;
        return (m.Value is null || value.Equals(m.Value, StringComparison.OrdinalIgnoreCase))
            && (m.ValuePrefix is null || value.StartsWith(m.ValuePrefix, StringComparison.OrdinalIgnoreCase))
            && (regex is null || PatternMatches(value))
            && (Identity is null || Identity.Matches(name, email));
    }

    /// <summary>For subject and branch markers.</summary>
    public bool MatchesPrefixOrPattern(ReadOnlySpan<char> text) =>
        Marker.Prefix is { } prefix ? text.StartsWith(prefix, StringComparison.Ordinal) : PatternMatches(text);

    /// <summary>For footer markers: <paramref name="line"/> is trimmed; <paramref name="stripped"/> also lacks leading emoji.</summary>
    public bool MatchesFooter(ReadOnlySpan<char> line, ReadOnlySpan<char> stripped)
    {
        if (Marker.Text is { } text)
        {
            if (stripped.EndsWith(".", StringComparison.Ordinal) && !text.EndsWith('.'))
            {
                stripped = stripped[..^1].TrimEnd();
            }

            return stripped.Equals(text, StringComparison.OrdinalIgnoreCase);
        }

        return PatternMatches(line);
    }

    /// <summary>Does the marker's pattern match <paramref name="text"/>? (The marker must have one.)</summary>
    /// <remarks>A text without the pattern's literal prefix or one of its required literals (<see cref="RegexPrefix"/>)
    /// cannot match: it is rejected before the regex is built (a case-insensitive non-backtracking regex costs
    /// milliseconds to build, and a link to any GitHub page reaches the GitHub session patterns' prefix).</remarks>
    public bool PatternMatches(ReadOnlySpan<char> text) =>
        (patternPrefix is null || text.StartsWith(patternPrefix, StringComparison.OrdinalIgnoreCase))
        && ContainsRequired(text)
        && regex!.Value.IsMatch(text);

    private bool ContainsRequired(ReadOnlySpan<char> text)
    {
        foreach (var literal in requiredLiterals)
        {
            if (!text.Contains(literal, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
