namespace Portal.Pages.Bench;

/// <summary>What was measured on one page, in milliseconds: the server renders, the rows shown in the browser, the next-page clicks.</summary>
public sealed record PageResult(
    string Key, IReadOnlyList<double> Render, int PrerenderedRows, IReadOnlyList<double> Shown, IReadOnlyList<double> Paging, string? Problem);
