namespace Countersign.Server.Api;

/// <summary>What a catalog import stored, and its warnings.</summary>
internal sealed record CatalogImported(int Components, int Entities, IReadOnlyList<string> Warnings);
