namespace Countersign.Core.Provenance.Trailers;

/// <summary>
/// One trailer of a commit message's final trailer block, as <c>git interpret-trailers --parse</c> prints it:
/// <see cref="Key"/> and <see cref="Value"/> trimmed, continuation lines unfolded into the value.
/// <see cref="Line"/> is the 1-based message line where the trailer starts.
/// </summary>
public sealed record Trailer(string Key, string Value, int Line)
{
    public override string ToString() => $"{Key}: {Value}";
}
