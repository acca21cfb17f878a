using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Requests;
using Portal.Web.Hosting;
using Portal.Web.Shell;
using Portal.Web.Workflows.Pages;

namespace Portal.Web.Requests;

/// <summary>
/// My requests: a requester's own requests, newest first, paged and filtered in the database; approvers and admins see
/// everyone's (with a "Mine only" switch). Status and search live in the address. While a listed request can still
/// move, the list reloads every few seconds, so a status changes on screen without a click.
/// </summary>
public sealed partial class RequestsPage : IAsyncDisposable
{
    private const string AllStatuses = "all";

    private MudTable<RequestSummary>? table;
    private RequestListFilter filter = RequestListFilter.None;
    private AutoRefresh? autoRefresh;
    private string userName = "";
    private bool seesAll;
    private bool mayRequest;
    private bool ready;
    private bool anyLive;
    private DateTimeOffset now;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    [Inject] public required ILogger<RequestsPage> Logger { get; init; }

    /// <summary>The signed-in user, cascaded by the router.</summary>
    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>A <see cref="RequestStatus"/> name.</summary>
    [SupplyParameterFromQuery(Name = RequestListFilter.StatusKey)] public string? StatusName { get; set; }

    /// <summary>Free text matched against image, host names, reason and requester.</summary>
    [SupplyParameterFromQuery(Name = RequestListFilter.SearchKey)] public string? Search { get; set; }

    /// <summary>Only the user's own requests (approvers and admins).</summary>
    [SupplyParameterFromQuery(Name = RequestListFilter.MineKey)] public bool? Mine { get; set; }

    /// <summary>How often the list reloads while a listed request can still move; tests shorten it.</summary>
    [Parameter] public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    private string Title => seesAll && !filter.Mine ? "Requests" : "My requests";

    private bool ShowsRequester => seesAll && !filter.Mine;

    private string StatusValue => filter.Status?.ToString() ?? AllStatuses;

    protected override async Task OnParametersSetAsync()
    {
        var fromAddress = RequestListFilter.FromQuery(StatusName, Search, Mine);
        if (!ready)
        {
            var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
            userName = user.Identity?.Name ?? "";
            seesAll = RequestAccess.SeesAll(user);
            mayRequest = RequestAccess.MayRequest(user);
            filter = fromAddress;
            now = Clock.GetUtcNow();
            ready = true;
            return;
        }

        // The address changed under the page (back button, a shared link): follow it.
        if (fromAddress != filter)
        {
            filter = fromAddress;
            await ReloadAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            autoRefresh = new AutoRefresh(RefreshInterval, Clock, Logger, RefreshAsync);
        }
    }

    private async Task<TableData<RequestSummary>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var query = filter.ToQuery(userName, seesAll, state.Page, state.PageSize, state.SortDirection == SortDirection.Ascending);
        var page = await Scopes.WithAsync<RequestReader, RequestSummaryPage>(reader => reader.ListAsync(query, cancellationToken));
        now = Clock.GetUtcNow();
        anyLive = page.Items.Any(r => RequestText.IsLive(r.Status));
        return new TableData<RequestSummary> { Items = page.Items, TotalItems = page.Total };
    }

    /// <summary>Reloads the page of the list while one of its requests can still change.</summary>
    private Task RefreshAsync(CancellationToken cancellationToken) => InvokeAsync(async () =>
    {
        if (anyLive && table is not null)
        {
            await table.ReloadServerData();
        }
    });

    private Task StatusAsync(string? value) =>
        ApplyAsync(filter with { Status = Enum.TryParse<RequestStatus>(value, out var status) ? status : null });

    private Task SearchAsync(string? text) =>
        ApplyAsync(filter with { Search = string.IsNullOrWhiteSpace(text) ? null : text.Trim() });

    private Task ClearAsync() => ApplyAsync(filter with { Status = null, Search = null });

    private async Task ApplyAsync(RequestListFilter next)
    {
        if (next == filter)
        {
            return;
        }

        filter = next;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(next.ToQueryParameters()), replace: true);
        await ReloadAsync();
    }

    private Task ReloadAsync() => table.ReloadFromFirstPageAsync();

    private void Open(TableRowClickEventArgs<RequestSummary> row)
    {
        if (row.Item is { } request)
        {
            Navigation.NavigateTo($"/requests/{request.Id}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (autoRefresh is not null)
        {
            await autoRefresh.DisposeAsync();
        }
    }
}
