namespace Countersign.Demo;

/// <summary>An inclusive, 1-based range of lines in a file as the commit left it.</summary>
internal sealed record DemoLineRange(int Start, int End)
{
    public int Count => End - Start + 1;

    public override string ToString() => Start == End ? $"{Start}" : $"{Start}-{End}";
}
