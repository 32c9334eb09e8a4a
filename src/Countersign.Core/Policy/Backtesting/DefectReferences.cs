using System.Text.RegularExpressions;
using Countersign.Core.Provenance.Trailers;

namespace Countersign.Core.Policy.Backtesting;

/// <summary>
/// Finds the commits a message says it reverts or fixes: git revert's <c>This reverts commit &lt;sha&gt;</c> line
/// anywhere in the message, and <c>Fixes: &lt;sha&gt;</c> in the final trailer block (as git parses it, so a
/// <c>Fixes:</c> quoted in the body does not count). A sha is 7 to 64 hex digits followed by a non-word character
/// or the end; <c>Fixes: #123</c> names an issue, not a commit, and is ignored.
/// </summary>
internal static partial class DefectReferences
{
    /// <summary>The shas or sha prefixes (lower case) <paramref name="message"/> names, with how.</summary>
    public static IReadOnlyList<(OutcomeKind Kind, string Sha)> Find(string message)
    {
        var found = new List<(OutcomeKind, string)>();
        foreach (Match match in RevertLine().Matches(message))
        {
            found.Add((OutcomeKind.Reverted, match.Groups[1].Value.ToLowerInvariant()));
        }

        foreach (var trailer in TrailerParser.Parse(message))
        {
            if (trailer.Key.Equals("Fixes", StringComparison.OrdinalIgnoreCase) && LeadingSha().Match(trailer.Value) is { Success: true } sha)
            {
                found.Add((OutcomeKind.Fixed, sha.Groups[1].Value.ToLowerInvariant()));
            }
        }

        return found.Distinct().ToList();
    }

    [GeneratedRegex(@"This reverts commit ([0-9a-fA-F]{7,64})\b", RegexOptions.CultureInvariant)]
    private static partial Regex RevertLine();

    [GeneratedRegex(@"^(?:commit\s+)?([0-9a-fA-F]{7,64})\b", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingSha();
}
