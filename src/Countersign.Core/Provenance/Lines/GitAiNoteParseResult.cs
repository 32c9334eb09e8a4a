using Countersign.Core.Diagnostics;

namespace Countersign.Core.Provenance.Lines;

/// <summary>
/// The outcome of reading a git-ai note. <see cref="Note"/> is null only when nothing could be read (empty text);
/// a partly malformed note yields what was readable plus <see cref="Diagnostics"/>.
/// </summary>
public sealed record GitAiNoteParseResult(GitAiNote? Note, IReadOnlyList<Diagnostic> Diagnostics);
