namespace Countersign.Cli.Output.Policy;

/// <summary>Bounds untrusted text (names, comments, titles) before it reaches a terminal, a PR comment or a hook message.</summary>
internal static class UntrustedText
{
    public const int MaxLength = 200;

    /// <summary>One line, control characters removed, at most <see cref="MaxLength"/> characters.</summary>
    public static string Bound(string value)
    {
        var chars = value.ReplaceLineEndings(" ").Where(c => !char.IsControl(c)).ToArray();
        var single = new string(chars).Trim();
        return single.Length <= MaxLength ? single : string.Concat(single.AsSpan(0, MaxLength - 1), "…");
    }
}
