namespace Countersign.Core.Diagnostics;

/// <summary>
/// A problem found in some input, with enough place information for a person to find it:
/// the source (a file, a note, a commit), and where known the line, column and field.
/// Expected bad input is reported with these values; exceptions are reserved for bugs.
/// </summary>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string Source,
    string Message,
    int? Line = null,
    int? Column = null,
    string? Field = null)
{
    public static Diagnostic Error(string source, string message, int? line = null, int? column = null, string? field = null) =>
        new(DiagnosticSeverity.Error, source, message, line, column, field);

    public static Diagnostic Warning(string source, string message, int? line = null, int? column = null, string? field = null) =>
        new(DiagnosticSeverity.Warning, source, message, line, column, field);

    /// <summary>
    /// This problem as reported where the file's own host (GitHub or GitLab for CODEOWNERS, git for .mailmap, Backstage
    /// for a catalog) skips the bad entry and goes on with the rest: a warning, so it never stops a gate.
    /// </summary>
    public Diagnostic SkippedAsItsHostDoes() => Severity == DiagnosticSeverity.Error ? this with { Severity = DiagnosticSeverity.Warning } : this;

    /// <summary>Formats as <c>source:line:column: error: message (field 'x')</c>, the shape compilers use.</summary>
    public override string ToString()
    {
        var place = Source;
        if (Line is { } line)
        {
            place += $":{line}";
            if (Column is { } column)
            {
                place += $":{column}";
            }
        }

        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var field = Field is null ? "" : $" (field '{Field}')";
        return $"{place}: {severity}: {Message}{field}";
    }
}
