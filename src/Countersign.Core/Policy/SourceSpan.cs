namespace Countersign.Core.Policy;

/// <summary>Where a policy element was written (file, 1-based line and column), so results and errors can point at it.</summary>
public sealed record SourceSpan(string Source, int Line, int Column)
{
    public static SourceSpan None { get; } = new("<built-in>", 0, 0);

    public override string ToString() => Line == 0 ? Source : $"{Source}:{Line}:{Column}";
}
