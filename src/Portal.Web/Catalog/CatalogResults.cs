namespace Portal.Web.Catalog;

/// <summary>The cards of one catalog page and how many images match in all.</summary>
public sealed record CatalogResults(IReadOnlyList<CatalogItem> Items, int Total);
