using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Data.Workflows;
using Portal.Web.Hosting;
using Portal.Web.Shell;
using Portal.Workflows.Persistence;

namespace Portal.Web.Workflows.Pages;

/// <summary>
/// Admin › Workflow instances: every run, paged and filtered in the database by status, workflow and correlation id
/// (a page costs a COUNT and one query of columns). The filter lives in the address so a view can be shared; the page
/// on screen reloads every few seconds so running instances move by themselves.
/// </summary>
public sealed partial class WorkflowInstancesPage : IAsyncDisposable
{
    /// <summary>Rows per page, unless the reader picks another size in the pager.</summary>
    public const int PageSize = 25;

    private MudTable<InstanceSummary>? table;
    private IReadOnlyList<DefinitionSummary> definitions = [];
    private InstanceFilter filter = InstanceFilter.None;
    private DateTimeOffset? refreshedAt;
    private AutoRefresh? autoRefresh;
    private bool anyInstance;
    private bool ready;

    /// <summary>How often the page reloads while it is open; the router leaves the default, tests shorten or lengthen it.</summary>
    [Parameter] public TimeSpan RefreshInterval { get; set; } = AutoRefresh.Interval;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    [Inject] public required ILogger<WorkflowInstancesPage> Logger { get; init; }

    /// <summary>A <see cref="Portal.Workflows.Runtime.WorkflowStatus"/> name.</summary>
    [SupplyParameterFromQuery(Name = InstanceFilter.StatusKey)] public string? StatusName { get; set; }

    /// <summary>A workflow definition id.</summary>
    [SupplyParameterFromQuery(Name = InstanceFilter.DefinitionKey)] public string? DefinitionId { get; set; }

    /// <summary>A correlation id, matched exactly.</summary>
    [SupplyParameterFromQuery(Name = InstanceFilter.CorrelationKey)] public string? CorrelationId { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var fromAddress = InstanceFilter.FromQuery(StatusName, DefinitionId, CorrelationId);
        if (!ready)
        {
            (definitions, anyInstance) = await Scopes.InScopeAsync(async services => (
                await services.GetRequiredService<WorkflowDefinitions>().ListAsync(CancellationToken.None),
                await services.GetRequiredService<WorkflowInstanceListReader>().AnyAsync(CancellationToken.None)));
            filter = fromAddress;
            ready = true;
            return;
        }

        // The address changed under the page (back button, a shared link): follow it.
        if (fromAddress != filter)
        {
            filter = fromAddress;
            await table.ReloadFromFirstPageAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            autoRefresh = new AutoRefresh(RefreshInterval, Clock, Logger, RefreshAsync);
        }
    }

    private Task RefreshAsync(CancellationToken cancellationToken) => InvokeAsync(async () =>
    {
        if (table is not null)
        {
            await table.ReloadServerData();
        }
        else if (!anyInstance)
        {
            // The empty state has no table: look again whether a first run has started.
            anyInstance = await Scopes.InScopeAsync(services => services.GetRequiredService<WorkflowInstanceListReader>().AnyAsync(cancellationToken));
            StateHasChanged();
        }
    });

    private async Task<TableData<InstanceSummary>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var requested = filter;
        var page = await Scopes.InScopeAsync(services => services.GetRequiredService<WorkflowInstanceListReader>()
            .PageAsync(requested.Status, requested.DefinitionId, requested.CorrelationId, state.Page, state.PageSize, cancellationToken));
        refreshedAt = Clock.GetUtcNow();
        // The table renders itself; the page's "last at" caption outside it follows.
        _ = InvokeAsync(StateHasChanged);
        return new TableData<InstanceSummary> { Items = page.Items, TotalItems = page.Total };
    }

    private Task CorrelateAsync(string? text) => ApplyAsync(filter with { CorrelationId = InstanceFilter.Clean(text) });

    private Task ClearAsync() => ApplyAsync(InstanceFilter.None);

    private async Task ApplyAsync(InstanceFilter next)
    {
        if (next == filter)
        {
            return;
        }

        filter = next;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(next.ToQueryParameters()), replace: true);
        await table.ReloadFromFirstPageAsync();
    }

    private string DefinitionName(string definitionId) =>
        definitions.FirstOrDefault(d => d.Id == definitionId)?.Name ?? definitionId;

    private string DefinitionLabel(string? definitionId) =>
        definitionId is null ? "" : definitions.FirstOrDefault(d => d.Id == definitionId) is { } d ? $"{d.Name} ({d.Id})" : definitionId;

    public async ValueTask DisposeAsync()
    {
        if (autoRefresh is not null)
        {
            await autoRefresh.DisposeAsync();
        }
    }
}
