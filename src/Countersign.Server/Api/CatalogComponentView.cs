namespace Countersign.Server.Api;

/// <summary>One component of the catalog: its entity reference, name, title, type, tier, owner and system.</summary>
internal sealed record CatalogComponentView(string Ref, string Name, string? Title, string? Type, int? Tier, string? Owner, string? System);
