using Microsoft.AspNetCore.Components;
using Portal.Web.Hosting;
using Portal.Workflows.Persistence;

namespace Portal.Web.Workflows.Pages;

/// <summary>
/// Admin › Workflow instances: every run, filtered on the server by status, workflow and correlation id. The
/// filter lives in the address so a view can be shared; the list reloads every few seconds so running
/// instances move by themselves.
/// </summary>
public sealed partial class WorkflowInstancesPage : IAsyncDisposable
{
    /// <summary>The most instances one view lists; filters find older ones.</summary>
    public const int Max = 500;

    private IReadOnlyList<InstanceSummary> instances = [];
    private IReadOnlyList<DefinitionSummary> definitions = [];
    private InstanceFilter filter = InstanceFilter.None;
    private DateTimeOffset? refreshedAt;
    private AutoRefresh? autoRefresh;
    private bool ready;
    private bool loading;

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
            definitions = await Scopes.InScopeAsync(services => services.GetRequiredService<WorkflowDefinitions>().ListAsync(CancellationToken.None));
            filter = fromAddress;
            await LoadAsync(CancellationToken.None);
            ready = true;
            return;
        }

        // The address changed under the page (back button, a shared link): follow it.
        if (fromAddress != filter)
        {
            filter = fromAddress;
            await LoadAsync(CancellationToken.None);
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
        await LoadAsync(cancellationToken);
        StateHasChanged();
    });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var requested = filter;
        var found = await Scopes.InScopeAsync(services => services.GetRequiredService<IWorkflowInstanceStore>()
            .ListAsync(requested.Status, requested.DefinitionId, requested.CorrelationId, Max, cancellationToken));

        // A refresh that started before the filter changed must not overwrite the newer answer.
        if (requested == filter)
        {
            instances = found;
            refreshedAt = Clock.GetUtcNow();
        }
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
        loading = true;
        try
        {
            await LoadAsync(CancellationToken.None);
        }
        finally
        {
            loading = false;
        }
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
