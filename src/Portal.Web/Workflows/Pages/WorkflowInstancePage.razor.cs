using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Validation;
using Portal.Web.Hosting;
using Portal.Workflows.Hosting;
using Portal.Workflows.Runtime;

namespace Portal.Web.Workflows.Pages;

/// <summary>
/// One workflow instance: its journal, inputs and variables (secrets masked), bookmarks and incidents. An admin
/// retries or skips the failed activity of a faulted instance, or cancels one that has not ended. While the
/// instance can still change, the page reloads every few seconds.
/// </summary>
public sealed partial class WorkflowInstancePage : IAsyncDisposable
{
    private InstanceDetails? details;
    private IReadOnlyList<string> errors = [];
    private List<BreadcrumbItem> breadcrumbs = [];
    private string? skipOutcome;
    private AutoRefresh? autoRefresh;
    private bool loaded;
    private bool busy;

    /// <summary>The instance's id, from the address.</summary>
    [Parameter] public string Id { get; set; } = "";

    /// <summary>How often the page reloads while it is open; the router leaves the default, tests shorten or lengthen it.</summary>
    [Parameter] public TimeSpan RefreshInterval { get; set; } = AutoRefresh.Interval;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    [Inject] public required ILogger<WorkflowInstancePage> Logger { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        errors = [];
        await LoadAsync(CancellationToken.None);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            autoRefresh = new AutoRefresh(RefreshInterval, Clock, Logger, RefreshAsync);
        }
    }

    /// <summary>Reloads while the instance can still move; never in the middle of an admin's action.</summary>
    private Task RefreshAsync(CancellationToken cancellationToken) => InvokeAsync(async () =>
    {
        if (busy || details is null || WorkflowText.IsFinal(details.Instance.Status))
        {
            return;
        }

        await LoadAsync(cancellationToken);
        StateHasChanged();
    });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var id = Id;
        var found = await Scopes.InScopeAsync(services => InstanceDetails.LoadAsync(services, id, cancellationToken));
        if (id != Id)
        {
            return;
        }

        details = found;
        breadcrumbs = found is null ? [] : [new("Workflow instances", "/admin/workflows/instances"), new(WorkflowText.ShortId(found.Instance.Id), null, disabled: true)];
        if (found is null || !found.SkipOutcomes.Contains(skipOutcome ?? ""))
        {
            // "Done" is what most activities end with; any other choice is the admin's to make.
            skipOutcome = found?.SkipOutcomes.FirstOrDefault(o => o == Portal.Workflows.Activities.ActivityDescriptor.Done);
        }

        loaded = true;
    }

    private Task RetryAsync() =>
        AdministerAsync((engine, ct) => engine.RetryAsync(Id, ct), failed => $"{failed} ran again.");

    private Task SkipAsync() => skipOutcome is not { } outcome
        ? Task.CompletedTask
        : AdministerAsync((engine, ct) => engine.SkipAsync(Id, outcome, ct), failed => $"{failed} skipped with outcome {outcome}.");

    private async Task CancelAsync()
    {
        var answer = await Dialogs.ShowMessageBoxAsync(
            "Cancel this instance?",
            "Nothing more of it runs, and the compensations of the activities that completed (releasing what they reserved) run once. A cancelled instance cannot be resumed.",
            yesText: "Cancel instance", cancelText: "Keep it");
        if (answer == true)
        {
            await AdministerAsync((engine, ct) => engine.CancelAsync(Id, ct), _ => "The instance is cancelled.");
        }
    }

    private async Task AdministerAsync(
        Func<WorkflowEngine, CancellationToken, Task<ValidationResult<WorkflowState>>> action, Func<string, string> success)
    {
        if (details is null)
        {
            return;
        }

        var failed = details.OpenIncident is { } incident ? details.ActivityName(incident.ActivityId) : "The activity";
        busy = true;
        errors = [];
        try
        {
            var result = await Scopes.InScopeAsync(services => action(services.GetRequiredService<WorkflowEngine>(), CancellationToken.None));
            if (result.IsValid)
            {
                Snackbar.Add(success(failed), Severity.Success);
            }
            else
            {
                errors = result.Errors.Select(e => e.Message).ToList();
            }

            await LoadAsync(CancellationToken.None);
        }
        finally
        {
            busy = false;
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
