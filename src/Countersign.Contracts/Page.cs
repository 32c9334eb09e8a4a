namespace Countersign.Contracts;

/// <summary>A page of results with the total count, for every list endpoint.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, int Offset, int Limit);
