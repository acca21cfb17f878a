namespace Portal.Pages.Bench;

public static class PageTimer
{
    public static Task<int> RunAsync(PagesBenchOptions options) => Task.FromResult(1);
}
