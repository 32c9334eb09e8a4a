using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Countersign.Core.Organisation;

/// <summary>
/// One automation account (dependabot, CI, a release bot). Each field given is one way the same bot shows up;
/// any one of them matching is enough. Bots are never people: they can neither be an accountable author nor approve.
/// </summary>
/// <param name="Email">Commit e-mail, compared case-insensitively.</param>
/// <param name="GitHub">GitHub login such as <c>dependabot[bot]</c>; also matched through its noreply address.</param>
/// <param name="GitLab">GitLab username.</param>
/// <param name="NamePattern">
/// A regular expression (case-insensitive, not implicitly anchored) matched against the commit author name and
/// against platform logins. Only consulted when no e-mail or handle matched exactly.
/// </param>
public sealed record BotIdentity(string? Email = null, string? GitHub = null, string? GitLab = null, string? NamePattern = null)
{
    /// <summary>Compiles a name pattern the way it is matched; throws <see cref="ArgumentException"/> or <see cref="NotSupportedException"/> when invalid.</summary>
    /// <remarks>
    /// Longer patterns are refused: building the automaton of a hostile 100,000-character one took a minute and gigabytes.
    /// Each build costs about 350 KB and a fraction of a millisecond, and every pattern is built when org.yaml is read
    /// (to report an invalid one) and again when identities are resolved; fuzzing found an org.yaml of 1,288 copies of
    /// one pattern allocating 447 MiB. Built patterns are therefore kept (a regex is immutable and thread-safe), up to
    /// <see cref="CachedPatterns"/> distinct ones per process, so a repeated pattern costs one build.
    /// </remarks>
    internal static Regex CompileNamePattern(string pattern)
    {
        if (pattern.Length > MaxNamePatternLength)
        {
            throw new ArgumentException($"longer than {MaxNamePatternLength} characters");
        }

        if (Compiled.TryGetValue(pattern, out var known))
        {
            return known;
        }

        var regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        if (Compiled.Count < CachedPatterns)
        {
            Compiled.TryAdd(pattern, regex);
        }

        return regex;
    }

    private const int CachedPatterns = 1024;
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <summary>The longest name pattern accepted.</summary>
    public const int MaxNamePatternLength = 1000;

    public override string ToString() =>
        string.Join(", ", new[]
        {
            Email is null ? null : $"email {Email}",
            GitHub is null ? null : $"github {GitHub}",
            GitLab is null ? null : $"gitlab {GitLab}",
            NamePattern is null ? null : $"name-pattern {NamePattern}",
        }.OfType<string>());
}
