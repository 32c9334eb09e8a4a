using Countersign.Core.Diagnostics;

namespace Countersign.Core.Organisation;

/// <summary>A parsed <c>.mailmap</c> and the lines that git would ignore or only partly use.</summary>
public sealed record MailmapParseResult(Mailmap Mailmap, IReadOnlyList<Diagnostic> Diagnostics);
