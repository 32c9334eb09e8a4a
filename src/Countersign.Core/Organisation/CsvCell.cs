namespace Countersign.Core.Organisation;

/// <summary>One CSV field: its unquoted value, where it starts (1-based), and whether it was written in quotes.</summary>
internal readonly record struct CsvCell(string Value, int Line, int Column, bool Quoted);
