namespace Countersign.Core.Provenance.Lines;

/// <summary>
/// Counting over unions of line ranges without materialising every line number, so that a hostile
/// range such as <c>1-10000000</c> costs nothing.
/// </summary>
internal static class LineRangeSet
{
    /// <summary>Sorted, non-overlapping, non-adjacent ranges covering exactly the input's lines.</summary>
    public static List<LineRange> Merge(IEnumerable<LineRange> ranges)
    {
        var merged = new List<LineRange>();
        foreach (var range in ranges.OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End + 1)
            {
                var last = merged[^1];
                merged[^1] = last with { End = Math.Max(last.End, range.End) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    /// <summary>Number of distinct lines in merged ranges.</summary>
    public static int Count(IReadOnlyList<LineRange> merged) => merged.Sum(r => r.Count);

    /// <summary>Number of lines in both merged inputs.</summary>
    public static int IntersectionCount(IReadOnlyList<LineRange> a, IReadOnlyList<LineRange> b)
    {
        int i = 0, j = 0, count = 0;
        while (i < a.Count && j < b.Count)
        {
            var start = Math.Max(a[i].Start, b[j].Start);
            var end = Math.Min(a[i].End, b[j].End);
            if (start <= end)
            {
                count += end - start + 1;
            }

            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return count;
    }
}
