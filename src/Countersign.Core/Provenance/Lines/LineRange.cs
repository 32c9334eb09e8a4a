namespace Countersign.Core.Provenance.Lines;

/// <summary>An inclusive, 1-indexed range of line numbers: <c>Start</c> ≤ <c>End</c>, both ≥ 1.</summary>
public readonly record struct LineRange(int Start, int End)
{
    /// <summary>The largest line number the parsers accept; larger numbers are reported as errors, which also keeps counts far from overflow.</summary>
    public const int MaxLineNumber = 10_000_000;

    public int Count => End - Start + 1;

    public override string ToString() => Start == End ? $"{Start}" : $"{Start}-{End}";
}
