using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Provisioning.Approvals;
using Portal.Web.Hosting;
using Portal.Web.Workflows.Pages;

namespace Portal.Web.Approvals.Pages;

/// <summary>
/// Alex's approvals: the tasks waiting for him, oldest first, each with who asks for what, how big, where, why,
/// since and until when, and what it takes from capacity; approve or reject one, or select several and decide them
/// at once. The list reloads by itself so a colleague's decision removes an item — never while a decision is being
/// made or its dialog is open. An item someone else decided first says so, and who, before it leaves.
/// </summary>
public sealed partial class ApprovalsPage : IAsyncDisposable
{
    /// <summary>How often the inbox reloads by itself.</summary>
    public static readonly TimeSpan InboxRefresh = TimeSpan.FromSeconds(5);

    /// <summary>How long an item decided elsewhere stays on screen with who decided, before a reload drops it.</summary>
    private static readonly TimeSpan ClosedNoticeTime = TimeSpan.FromSeconds(10);

    private readonly HashSet<string> selected = new(StringComparer.Ordinal);
    private readonly HashSet<string> expanded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> problems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Closed> closed = new(StringComparer.Ordinal);
    private IReadOnlyList<InboxItem> items = [];
    private IReadOnlyDictionary<string, string> names = new Dictionary<string, string>();
    private ClaimsPrincipal user = new();
    private DateTimeOffset now;
    private AutoRefresh? autoRefresh;
    private bool loaded;
    private bool busy;
    private bool dialogOpen;

    /// <summary>How often the page reloads; the router leaves the default, tests change it.</summary>
    [Parameter] public TimeSpan RefreshInterval { get; set; } = InboxRefresh;

    /// <summary>The signed-in approver, cascaded by the router.</summary>
    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required WaitingTasksBadge Badge { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    [Inject] public required ILogger<ApprovalsPage> Logger { get; init; }

    /// <summary>What the page lists: the waiting items, and those just decided elsewhere (with who decided) in their place.</summary>
    private IEnumerable<InboxItem> Shown =>
        items.Where(i => !closed.ContainsKey(i.Id)).Concat(closed.Values.Select(c => c.Item)).OrderBy(i => i.CreatedAt);

    private IReadOnlyList<InboxItem> Open => items.Where(i => !closed.ContainsKey(i.Id)).ToList();

    private IReadOnlyList<InboxItem> Selected => Open.Where(i => selected.Contains(i.Id)).ToList();

    /// <summary>Tri-state for "select all": all, none, or some (null).</summary>
    private bool? AllSelected => selected.Count == 0 ? false : selected.Count == Open.Count ? true : null;

    protected override async Task OnInitializedAsync()
    {
        user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        await LoadAsync(CancellationToken.None);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            autoRefresh = new AutoRefresh(RefreshInterval, Clock, Logger, RefreshAsync);
        }
    }

    /// <summary>Reloads unless the approver is deciding or has a decision's dialog open: the selection and the list stay put meanwhile.</summary>
    private Task RefreshAsync(CancellationToken cancellationToken) => InvokeAsync(async () =>
    {
        if (busy || dialogOpen)
        {
            return;
        }

        var before = Open.ToDictionary(i => i.Id, StringComparer.Ordinal);
        await LoadAsync(cancellationToken);
        var gone = before.Keys.Except(items.Select(i => i.Id), StringComparer.Ordinal).Where(id => !closed.ContainsKey(id)).ToList();
        if (gone.Count > 0)
        {
            Snackbar.Add(gone.Count == 1
                ? $"The request for {InboxText.Label(before[gone[0]])} no longer waits for you: decided by someone else, or withdrawn."
                : $"{gone.Count} requests no longer wait for you: decided by someone else, or withdrawn.", Severity.Info);
        }

        StateHasChanged();
    });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var who = user;
        var snapshot = await Scopes.InScopeAsync(services => InboxSnapshot.LoadAsync(services, who, cancellationToken));
        items = snapshot.Items;
        names = snapshot.Names;
        now = Clock.GetUtcNow();
        foreach (var stale in closed.Where(c => now - c.Value.At >= ClosedNoticeTime).Select(c => c.Key).ToList())
        {
            closed.Remove(stale);
        }

        var open = items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        selected.IntersectWith(open.Where(id => !closed.ContainsKey(id)));
        foreach (var id in problems.Keys.Where(id => !open.Contains(id)).ToList())
        {
            problems.Remove(id);
        }

        loaded = true;
        Badge.Report(Open.Count);
    }

    private void Toggle(InboxItem item, bool on)
    {
        if (on)
        {
            selected.Add(item.Id);
        }
        else
        {
            selected.Remove(item.Id);
        }
    }

    /// <summary>Selects every open item, or none when all are selected already (whatever the tri-state box would cycle to next).</summary>
    private void ToggleAll()
    {
        var all = Open.Select(i => i.Id).ToList();
        var everything = all.Count > 0 && all.All(selected.Contains);
        selected.Clear();
        if (!everything)
        {
            selected.UnionWith(all);
        }
    }

    private void ToggleExpanded(InboxItem item)
    {
        if (!expanded.Remove(item.Id))
        {
            expanded.Add(item.Id);
        }
    }

    private Task ApproveAsync(InboxItem item) => DecideAsync([item], DecisionChoice.Approve, null);

    private Task ApproveWithCommentAsync(InboxItem item) => AskAndDecideAsync([item], DecisionChoice.Approve);

    private Task RejectAsync(InboxItem item) => AskAndDecideAsync([item], DecisionChoice.Reject);

    private Task BulkApproveAsync() => AskAndDecideAsync(Selected, DecisionChoice.Approve);

    private Task BulkRejectAsync() => AskAndDecideAsync(Selected, DecisionChoice.Reject);

    private async Task AskAndDecideAsync(IReadOnlyList<InboxItem> chosen, DecisionChoice choice)
    {
        if (chosen.Count == 0)
        {
            return;
        }

        dialogOpen = true;
        try
        {
            var title = (choice, chosen.Count) switch
            {
                (DecisionChoice.Reject, 1) => $"Reject the request for {InboxText.Label(chosen[0])}",
                (DecisionChoice.Reject, var n) => $"Reject {n} requests",
                (_, 1) => $"Approve the request for {InboxText.Label(chosen[0])}",
                (_, var n) => $"Approve {n} requests",
            };
            var parameters = new DialogParameters<DecisionDialog>
            {
                { d => d.Choice, choice },
                { d => d.Labels, chosen.Select(InboxText.Label).ToList() },
            };
            var dialog = await Dialogs.ShowAsync<DecisionDialog>(title, parameters,
                new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
            if (await dialog.Result is { Canceled: false, Data: string comment })
            {
                await DecideAsync(chosen, choice, comment);
            }
        }
        finally
        {
            dialogOpen = false;
        }
    }

    private async Task DecideAsync(IReadOnlyList<InboxItem> chosen, DecisionChoice choice, string? comment)
    {
        busy = true;
        try
        {
            var who = user;
            var bulk = new BulkDecision((taskId, outcome, text, ct) =>
                Scopes.WithAsync<ApprovalInbox, DecisionResult>(inbox => inbox.DecideAsync(who, taskId, outcome, text, ct)));
            var results = await bulk.DecideAsync(chosen, choice, comment, CancellationToken.None);
            Show(results);
            await LoadAsync(CancellationToken.None);
        }
        finally
        {
            busy = false;
        }
    }

    private void Show(IReadOnlyList<ItemDecision> results)
    {
        var at = Clock.GetUtcNow();
        foreach (var result in results)
        {
            var id = result.Item.Id;
            problems.Remove(id);
            if (result.Failure is { } failure)
            {
                LogDecisionFailed(Logger, failure, id);
            }

            if (result.LeavesInbox)
            {
                selected.Remove(id);
            }

            if (result.Kind is DecisionResultKind.AlreadyDecided or DecisionResultKind.NotFound)
            {
                closed[id] = new Closed(result.Item, result.Message, at);
            }
            else if (!result.Decided)
            {
                problems[id] = result.Message;
            }
        }

        var decided = results.Where(r => r.Decided).ToList();
        if (decided.Count is > 0 and <= 3)
        {
            foreach (var result in decided)
            {
                Snackbar.Add(result.Message, Severe(result));
            }
        }
        else if (decided.Count > 3)
        {
            Snackbar.Add($"{decided[0].Outcome} {decided.Count} requests", Severe(decided[0]));
        }

        foreach (var result in results.Where(r => r.Kind == DecisionResultKind.AlreadyDecided))
        {
            Snackbar.Add($"{InboxText.Label(result.Item)}: {result.Message}", Severity.Warning);
        }
    }

    /// <summary>Green for an approval; a rejection is done too, but is not good news for anyone.</summary>
    private static Severity Severe(ItemDecision decided) =>
        decided.Outcome == decided.Item.Outcomes.FirstOrDefault() ? Severity.Success : Severity.Info;

    [LoggerMessage(Level = LogLevel.Error, Message = "Deciding task {TaskId} failed")]
    private static partial void LogDecisionFailed(ILogger logger, Exception exception, string taskId);

    public async ValueTask DisposeAsync()
    {
        if (autoRefresh is not null)
        {
            await autoRefresh.DisposeAsync();
        }
    }

    /// <summary>An item someone else decided first (or that went away), kept on screen with why until <see cref="ClosedNoticeTime"/> has passed.</summary>
    private sealed record Closed(InboxItem Item, string Message, DateTimeOffset At);
}
