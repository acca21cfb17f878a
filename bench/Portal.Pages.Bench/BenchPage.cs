namespace Portal.Pages.Bench;

/// <summary>One list page the bench times: where it is, and how its rows are found in the page.</summary>
public sealed record BenchPage(string Key, string Path, string RowSelector);
