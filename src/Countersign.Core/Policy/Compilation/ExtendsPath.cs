namespace Countersign.Core.Policy.Compilation;

/// <summary>
/// Resolves an <c>extends</c> entry against the file that names it, lexically, as a path relative to the folder of
/// the policy being compiled (<c>../shared/org.yaml</c> extending <c>base.yaml</c> gives <c>../shared/base.yaml</c>).
/// </summary>
internal static class ExtendsPath
{
    /// <summary>Why <paramref name="entry"/> cannot be an extends path, or null when it can.</summary>
    public static string? Problem(string entry) => entry switch
    {
        "" => "an empty path",
        _ when entry.Contains("://", StringComparison.Ordinal) => "extends reads files from the same place as the policy, not URLs",
        _ when entry[0] is '/' or '\\' || (entry.Length > 1 && entry[1] == ':') => "paths are relative to the file that names them, not absolute",
        _ => null,
    };

    /// <summary>The path of <paramref name="entry"/>, written in the file at <paramref name="from"/>, relative to the policy's folder.</summary>
    /// <param name="from">The path of the extending file relative to the policy's folder ("" for the policy itself).</param>
    /// <param name="entry">The path as written in <c>extends</c>.</param>
    public static string Resolve(string from, string entry)
    {
        var parts = new List<string>(from.Length == 0 ? [] : from.Split('/')[..^1]);
        foreach (var part in entry.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }
}
