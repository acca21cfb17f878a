using Microsoft.AspNetCore.Components;
using Portal.Web.Hosting;
using Portal.Web.Workflows.Pages;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// An instance on its diagram: the definition version it runs on, each activity marked by how it stands (completed,
/// waiting on a bookmark, faulted with its incident, not run), the connections it took drawn solid; clicking an
/// activity opens its journal entries. While the instance can still move, the page reloads it every few seconds
/// from the database (as the instance pages do), so a test run or a live request steps through on the canvas.
/// </summary>
public sealed partial class InstanceViewerPage : IAsyncDisposable
{
    private ViewerLoad? load;
    private ViewerCanvas? canvas;
    private AutoRefresh? autoRefresh;
    private string? selected;
    private IReadOnlyList<KeyValuePair<ActivityMark, int>> counts = [];

    /// <summary>The instance's id, from the address.</summary>
    [Parameter] public string Id { get; set; } = "";

    /// <summary>An activity to open at once (<c>?activity=ID</c>), e.g. from a link to a failed step.</summary>
    [SupplyParameterFromQuery(Name = "activity")] public string? Activity { get; set; }

    /// <summary>How often the page reloads while the instance runs; the router leaves the default, tests shorten it.</summary>
    [Parameter] public TimeSpan RefreshInterval { get; set; } = AutoRefresh.Interval;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ActivityRegistry Activities { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    [Inject] public required ILogger<InstanceViewerPage> Logger { get; init; }

    private string InstancePage => $"/admin/workflows/instances/{Uri.EscapeDataString(Id)}";

    private ActivityNode? FaultedActivity =>
        load?.Diagram is { } d && d.Instance.Incidents.LastOrDefault(i => !i.Resolved) is { } open ? d.Definition.Find(open.ActivityId) : null;

    /// <summary>The activities worth a look first: faulted, waiting, queued.</summary>
    private IReadOnlyList<ActivityRun> Attention => load?.Diagram is not { } d ? [] :
        d.Definition.Activities.Select(a => d.RunOf(a.Id))
            .Where(r => r.Mark is ActivityMark.Faulted or ActivityMark.Waiting or ActivityMark.Queued)
            .OrderByDescending(r => r.Mark == ActivityMark.Faulted)
            .ToList();

    protected override async Task OnParametersSetAsync()
    {
        selected ??= Activity;
        await LoadAsync(CancellationToken.None);
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
        if (load?.Diagram is not { IsFinal: false })
        {
            return;
        }

        await LoadAsync(cancellationToken);
        StateHasChanged();
    });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var id = Id;
        var found = await Scopes.InScopeAsync(services => ViewerLoad.LoadAsync(services, id, cancellationToken));
        if (id != Id)
        {
            return;
        }

        load = found;
        counts = found.Diagram?.Counts().OrderBy(c => c.Key).ToList() ?? [];
    }

    private void OnActivitySelected(string? activityId)
    {
        selected = activityId;
        StateHasChanged();
    }

    private void Select(string activityId)
    {
        selected = activityId;
        canvas?.Reveal(activityId);
    }

    private void ToggleMinimap()
    {
        if (canvas is not null)
        {
            canvas.ShowNavigator = !canvas.ShowNavigator;
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
