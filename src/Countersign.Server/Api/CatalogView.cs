namespace Countersign.Server.Api;

/// <summary>The catalog as <c>GET /api/v1/catalog</c> answers it: its components, and how many groups and relations it has.</summary>
internal sealed record CatalogView(IReadOnlyList<CatalogComponentView> Components, int Groups, int Relations);
