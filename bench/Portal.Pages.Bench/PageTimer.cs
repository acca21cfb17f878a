using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Bench;

namespace Portal.Pages.Bench;

/// <summary>
/// The <c>time</c> verb: starts the portal (Release) on the seeded data, signs in as admin and, for each list page,
/// times the first server render (the HTTP GET of the page with the auth cookie: the prerender, read to its end) and,
/// in Debian's Chromium driven by Playwright, the time until the first rows show and the time a next-page click takes
/// until the rows change. Then the memory per open Blazor circuit. Prints one table (bench/README.md, "Pages at scale").
/// </summary>
public static partial class PageTimer
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Admin = "admin@portal.local";

    /// <summary>The issue's targets.</summary>
    public const double FirstRenderTargetMs = 300;

    public const double PagingTargetMs = 200;

    public static async Task<int> RunAsync(PagesBenchOptions options)
    {
        var pages = options.Pages.Count == 0 ? BenchPages.All : BenchPages.All.Where(p => options.Pages.Contains(p.Key)).ToList();
        if (!File.Exists(Path.Combine(options.DataDirectory, "portal.db")) && options.Postgres is null)
        {
            Console.Error.WriteLine($"No portal.db in {options.DataDirectory}: run the seed verb first (or the portal runs on a fresh, nearly empty database).");
        }

        await using var portal = await PortalProcess.StartAsync(options, CancellationToken.None);
        Console.WriteLine($"portal: pid {portal.ProcessId} at {portal.BaseAddress}, data {options.DataDirectory}, {(options.Postgres is null ? "SQLite" : "PostgreSQL")}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, load average {LoadAverage()}, .NET {Environment.Version}");

        using var http = await SignedInClientAsync(portal.BaseAddress);
        var results = new List<PageResult>();
        foreach (var page in pages)
        {
            results.Add(await ServerRenderAsync(http, page, options));
        }

        CircuitMemory? memory = null;
        if (!options.NoBrowser)
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var state = await SignedInStateAsync(browser, portal.BaseAddress);
            for (var i = 0; i < results.Count; i++)
            {
                results[i] = await BrowserAsync(browser, state, portal.BaseAddress, pages[i], results[i], options);
            }

            if (options.Circuits > 0)
            {
                try
                {
                    memory = await CircuitMemoryAsync(browser, state, portal, http, pages.FirstOrDefault(p => p.Key == "deployments") ?? pages[0], options.Circuits);
                }
                catch (TimeoutException e)
                {
                    Console.Error.WriteLine($"memory per circuit: not measured, a page did not show its rows in time ({e.Message.Split('\n')[0]})");
                }
            }
        }

        Print(results, memory, options);
        return 0;
    }

    private static async Task<HttpClient> SignedInClientAsync(Uri baseAddress)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var login = await http.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken().Match(login) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the sign-in page.");
        var answer = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = Admin,
            ["Input.Password"] = PortalProcess.DemoPassword,
        }));
        if (answer.StatusCode != HttpStatusCode.Redirect || answer.Headers.Location?.ToString().Contains("/Account/Login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Signing in as {Admin} failed ({(int)answer.StatusCode}): is this a data directory the seed verb made?");
        }

        return http;
    }

    /// <summary>The prerender: GET the page with the cookie, read the whole answer; warm-up first, then the timed requests.</summary>
    private static async Task<PageResult> ServerRenderAsync(HttpClient http, BenchPage page, PagesBenchOptions options)
    {
        var times = new List<double>();
        var rows = 0;
        for (var i = 0; i < options.Warmup + options.Requests; i++)
        {
            var clock = Stopwatch.StartNew();
            using var answer = await http.GetAsync(page.Path, HttpCompletionOption.ResponseHeadersRead);
            var html = await answer.Content.ReadAsStringAsync();
            clock.Stop();
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {page.Path} answered {(int)answer.StatusCode} {answer.Headers.Location}.");
            }

            rows = RowMarkers(page, html);
            if (i >= options.Warmup)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        Console.Error.WriteLine($"{page.Key}: GET median {Stats.Median(times):F1} ms");
        return new PageResult(page.Key, times, rows, [], [], null);
    }

    /// <summary>In the browser: navigation to first rows shown, then next-page clicks timed until the first row changes.</summary>
    private static async Task<PageResult> BrowserAsync(IBrowser browser, string state, Uri baseAddress, BenchPage page, PageResult result, PagesBenchOptions options)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), StorageState = state });
        context.SetDefaultTimeout(60_000);
        var tab = await context.NewPageAsync();
        var shown = new List<double>();
        var paging = new List<double>();
        string? problem = null;
        try
        {
            for (var i = 0; i < 1 + Math.Max(1, options.Requests / 4); i++)
            {
                var clock = Stopwatch.StartNew();
                await tab.GotoAsync(page.Path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
                await tab.WaitForFunctionAsync(
                    "([selector]) => document.querySelector(selector) !== null && window.Blazor !== undefined",
                    new object[] { page.RowSelector }, new PageWaitForFunctionOptions { PollingInterval = 5 });
                clock.Stop();
                if (i > 0)
                {
                    shown.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            // The circuit is up once the pager answers: page forward, back to the first page when the last is reached.
            await tab.WaitForTimeoutAsync(500);
            var next = tab.Locator(".mud-table-pagination-actions button").Nth(2);
            var first = tab.Locator(".mud-table-pagination-actions button").Nth(0);
            for (var i = 0; i < options.Pagings + 2; i++)
            {
                var before = await tab.Locator(page.RowSelector).First.InnerTextAsync();
                var button = await next.IsEnabledAsync() ? next : first;
                if (!await button.IsEnabledAsync())
                {
                    problem = "one page only: seed more rows";
                    break;
                }

                var clock = Stopwatch.StartNew();
                await button.ClickAsync();
                await tab.WaitForFunctionAsync(
                    "([selector, before]) => { const row = document.querySelector(selector); return row !== null && row.innerText !== before; }",
                    new object[] { page.RowSelector, before }, new PageWaitForFunctionOptions { PollingInterval = 5 });
                clock.Stop();
                if (i >= 2)
                {
                    paging.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }
        catch (TimeoutException e)
        {
            problem = "timed out: " + e.Message.Split('\n')[0];
        }

        Console.Error.WriteLine($"{page.Key}: rows shown median {Stats.Median(shown):F1} ms, paging median {Stats.Median(paging):F1} ms{(problem is null ? "" : " (" + problem + ")")}");
        return result with { Shown = shown, Paging = paging, Problem = problem };
    }

    private static async Task<string> SignedInStateAsync(IBrowser browser, Uri baseAddress)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        var tab = await context.NewPageAsync();
        await tab.GotoAsync("/Account/Login");
        await tab.FillAsync("#Input\\.Email", Admin);
        await tab.FillAsync("#Input\\.Password", PortalProcess.DemoPassword);
        await tab.ClickAsync("button[type=submit]");
        await tab.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        return await context.StorageStateAsync();
    }

    /// <summary>
    /// Memory per circuit: the portal's resident set (and its GC heap when /metrics publishes one) with no page open,
    /// then with K browser pages open on one list page, each with its circuit; (with K − with 0) ÷ K.
    /// </summary>
    private static async Task<CircuitMemory> CircuitMemoryAsync(IBrowser browser, string state, PortalProcess portal, HttpClient http, BenchPage page, int circuits)
    {
        // Circuits of the timing pages closed above are disconnected; let the server drop them first.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var before = await MemorySnapshot.TakeAsync(portal.ProcessId, http);
        var contexts = new List<IBrowserContext>();
        try
        {
            for (var i = 0; i < circuits; i++)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString(), StorageState = state });
                context.SetDefaultTimeout(120_000);
                contexts.Add(context);
                var tab = await context.NewPageAsync();
                await tab.GotoAsync(page.Path);
                await tab.WaitForFunctionAsync("([selector]) => document.querySelector(selector) !== null && window.Blazor !== undefined",
                    new object[] { page.RowSelector });
            }

            await Task.Delay(TimeSpan.FromSeconds(5));
            var after = await MemorySnapshot.TakeAsync(portal.ProcessId, http);
            return new CircuitMemory(page.Key, circuits, before, after);
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.CloseAsync();
            }
        }
    }

    /// <summary>How many rows the prerendered answer holds: the elements with the row's test id.</summary>
    private static int RowMarkers(BenchPage page, string html) =>
        Regex.Matches(html, $"data-testid=\"{page.RowSelector["[data-testid=".Length..^1]}\"").Count;

    private static void Print(IReadOnlyList<PageResult> results, CircuitMemory? memory, PagesBenchOptions options)
    {
        Console.WriteLine();
        Console.WriteLine($"| page | first server render p50 (ms) | p95 (ms) | rows in the prerender | rows shown in the browser p50 (ms) | p95 (ms) | next page p50 (ms) | p95 (ms) | target render < {FirstRenderTargetMs:F0} ms / paging < {PagingTargetMs:F0} ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var render = Stats.Percentile(r.Render, 95);
            var page = r.Paging.Count == 0 ? double.NaN : Stats.Percentile(r.Paging, 95);
            var met = $"{(render < FirstRenderTargetMs ? "met" : "missed")} / {(double.IsNaN(page) ? "not measured" : page < PagingTargetMs ? "met" : "missed")} (p95)";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Key} | {Stats.Median(r.Render):F1} | {render:F1} | {r.PrerenderedRows} | {Ms(r.Shown, 50)} | {Ms(r.Shown, 95)} | {Ms(r.Paging, 50)} | {Ms(r.Paging, 95)} | {met}{(r.Problem is null ? "" : "; " + r.Problem)} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"{options.Requests} timed GETs per page after {options.Warmup} warm-up; {options.Pagings} timed next-page clicks after 2 untimed.");
        if (memory is not null)
        {
            Console.WriteLine();
            Console.WriteLine(memory.Describe());
        }
    }

    private static string Ms(IReadOnlyList<double> values, double percent) =>
        values.Count == 0 ? "—" : Stats.Percentile(values, percent).ToString("F1", CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
