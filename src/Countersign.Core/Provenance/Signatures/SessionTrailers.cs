namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// Trailers whose key names a known tool plus a session suffix (<c>Claude-Session:</c>, <c>Cursor-Thread-Id:</c>,
/// <c>Codex-Task:</c>): the key is <c>&lt;tool id or alias&gt;-&lt;suffix&gt;</c>, spaces in an alias written as '-'.
/// The value is an identifier, so it must hold a digit and at least <see cref="MinValueLength"/> characters
/// (<c>Claude-Session: local-notes</c> names no session).
/// </summary>
public sealed record SessionTrailers(double Confidence, IReadOnlyList<string> Suffixes)
{
    public const int MinValueLength = 6;

    public static readonly SessionTrailers None = new(0.9, []);
}
