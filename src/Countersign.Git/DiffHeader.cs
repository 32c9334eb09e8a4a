namespace Countersign.Git;

/// <summary>
/// Reads the path from a <c>diff --git a/P b/P</c> line of a diff made without rename detection (both sides name the
/// same path) and the default prefixes. A path git had to quote (<c>core.quotePath</c>: control characters,
/// <c>"</c>, <c>\</c>, bytes ≥ 0x80) is C-unquoted and decoded as UTF-8.
/// </summary>
internal static class DiffHeader
{
    private static readonly byte[] Prefix = "diff --git "u8.ToArray();

    public static bool IsHeader(ReadOnlySpan<byte> line) => line.StartsWith(Prefix);

    /// <summary>The path the header names, or null when the line is not in the expected form.</summary>
    public static string? PathOf(ReadOnlySpan<byte> line)
    {
        if (!IsHeader(line))
        {
            return null;
        }

        var rest = line[Prefix.Length..];
        if (!rest.IsEmpty && rest[0] == '"')
        {
            return Unquote(rest, out var path) && path.StartsWith("a/", StringComparison.Ordinal) ? path[2..] : null;
        }

        // "a/P b/P": both halves are the same path, so the split is at the middle even when P holds " b/".
        if ((rest.Length - 5) % 2 != 0 || rest.Length < 7 || !rest.StartsWith("a/"u8))
        {
            return null;
        }

        var length = (rest.Length - 5) / 2;
        var first = rest.Slice(2, length);
        var second = rest[(2 + length)..];
        return second.StartsWith(" b/"u8) && second[3..].SequenceEqual(first) ? GitProcess.Utf8.GetString(first) : null;
    }

    /// <summary>Unquotes the C-style string that starts at <paramref name="quoted"/>[0] (git's <c>unquote_c_style</c>).</summary>
    private static bool Unquote(ReadOnlySpan<byte> quoted, out string value)
    {
        var bytes = new List<byte>(quoted.Length);
        value = "";
        for (var i = 1; i < quoted.Length; i++)
        {
            var c = quoted[i];
            if (c == '"')
            {
                value = GitProcess.Utf8.GetString(bytes.ToArray());
                return true;
            }

            if (c != '\\')
            {
                bytes.Add(c);
                continue;
            }

            if (++i >= quoted.Length)
            {
                return false;
            }

            c = quoted[i];
            switch (c)
            {
                case (byte)'a': bytes.Add(7); break;
                case (byte)'b': bytes.Add(8); break;
                case (byte)'f': bytes.Add(12); break;
                case (byte)'n': bytes.Add(10); break;
                case (byte)'r': bytes.Add(13); break;
                case (byte)'t': bytes.Add(9); break;
                case (byte)'v': bytes.Add(11); break;
                case (byte)'"' or (byte)'\\': bytes.Add(c); break;
                case >= (byte)'0' and <= (byte)'3' when i + 2 < quoted.Length && IsOctal(quoted[i + 1]) && IsOctal(quoted[i + 2]):
                    bytes.Add((byte)(((c - '0') << 6) | ((quoted[i + 1] - '0') << 3) | (quoted[i + 2] - '0')));
                    i += 2;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool IsOctal(byte b) => b is >= (byte)'0' and <= (byte)'7';
}
