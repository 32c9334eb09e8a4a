namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// Is one trailer key a one-character misspelling of another? Optimal string alignment distance of exactly 1,
/// case-insensitive: one character inserted, deleted, substituted, or two neighbours swapped
/// (<c>Asissted-by</c>, <c>Co-Authred-By</c>, <c>Assisted by</c>). Allocation-free.
/// </summary>
internal static class KeyDistance
{
    public static bool IsOneEditApart(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && Same(a[i], b[i]))
        {
            i++;
        }

        if (i == a.Length && i == b.Length)
        {
            return false; // equal
        }

        if (a.Length == b.Length)
        {
            // substitution at i, or transposition of i and i+1
            return Equal(a[(i + 1)..], b[(i + 1)..])
                || (i + 1 < a.Length && Same(a[i], b[i + 1]) && Same(a[i + 1], b[i]) && Equal(a[(i + 2)..], b[(i + 2)..]));
        }

        // one insertion into the shorter
        return a.Length > b.Length ? Equal(a[(i + 1)..], b[i..]) : Equal(a[i..], b[(i + 1)..]);
    }

    private static bool Same(char x, char y) => char.ToLowerInvariant(x) == char.ToLowerInvariant(y);

    private static bool Equal(ReadOnlySpan<char> x, ReadOnlySpan<char> y) => x.Equals(y, StringComparison.OrdinalIgnoreCase);
}
