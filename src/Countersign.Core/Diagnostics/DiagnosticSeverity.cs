namespace Countersign.Core.Diagnostics;

/// <summary>How bad a diagnostic is. Errors make the offending record unusable; warnings do not.</summary>
public enum DiagnosticSeverity
{
    Warning,
    Error,
}
