namespace Countersign.Core.Organisation;

/// <summary>"Did you mean" suggestions for misspelt field names, teams, levels and people.</summary>
public static class Spelling
{
    private const int MaxEdits = 3;

    /// <summary>" (did you mean 'x'?)" for the closest candidate within a small edit distance, or "".</summary>
    public static string DidYouMean(string value, IEnumerable<string> candidates)
    {
        // The distance is at least the difference in length, so candidates too far in length are never compared:
        // a hostile 100,000-character value costs nothing rather than a value × candidate matrix per candidate.
        var best = candidates
            .Where(c => Math.Abs(c.Length - value.Length) <= MaxEdits)
            .Select(c => (Candidate: c, Distance: Distance(value.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(x => x.Distance <= Math.Max(1, Math.Min(MaxEdits, x.Candidate.Length / 3)))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        return best.Candidate is null ? "" : $" (did you mean '{best.Candidate}'?)";
    }

    /// <summary>Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment), the commonest typo.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
