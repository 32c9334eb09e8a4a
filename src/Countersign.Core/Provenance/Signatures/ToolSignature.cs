namespace Countersign.Core.Provenance.Signatures;

/// <summary>
/// An AI tool: its id (a Countersign tool id such as <c>claude-code</c>, or an organisation's own such as
/// <c>acme-agent</c>), display name, the words that name it in free-form trailers, and its markers.
/// </summary>
public sealed record ToolSignature(string Id, string Name, IReadOnlyList<string> Aliases, IReadOnlyList<SignatureMarker> Markers);
