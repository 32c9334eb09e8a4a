namespace Countersign.Core.Ownership.Catalog;

/// <summary>Where something was written: the source the caller named (usually a file path) and the 1-based line and column.</summary>
public sealed record CatalogPosition(string Source, int Line, int Column)
{
    public override string ToString() => $"{Source}:{Line}:{Column}";
}
