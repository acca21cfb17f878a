namespace Portal.Data.Library;

/// <summary>The images on one page and how many match in all.</summary>
public sealed record ImagePage(IReadOnlyList<ImageSummary> Items, int TotalCount);
