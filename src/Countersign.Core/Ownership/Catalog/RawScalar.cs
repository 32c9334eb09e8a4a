namespace Countersign.Core.Ownership.Catalog;

/// <summary>A scalar as written, with its 1-based position.</summary>
internal readonly record struct RawScalar(string Value, int Line, int Column);
