namespace Countersign.Core.Ownership.Catalog;

/// <summary>A relation reference as written in a spec field; <see cref="Index"/> is its place in a list, -1 for a single value.</summary>
internal readonly record struct RawRef(RelationField Field, int Index, RawScalar Text)
{
    public string FieldPath => Index < 0 ? Field.SpecPath : $"{Field.SpecPath}[{Index}]";
}
