namespace Countersign.Core.Provenance.Lines;

/// <summary>
/// One statement that some lines of a file were written by AI (with the tool id, and the raw tool name and model
/// for evidence text) or by a human, from a note or a trace.
/// </summary>
internal sealed record LineClaim(string Path, LineRange Range, bool IsAi, EvidenceKind Kind, string? Tool, string? RawTool, string? Model);
