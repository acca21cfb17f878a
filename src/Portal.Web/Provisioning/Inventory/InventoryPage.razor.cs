using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Data.Inventory;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Provisioning.Inventory;
using Portal.Web.Hosting;

namespace Portal.Web.Provisioning.Inventory;

/// <summary>
/// Admin › Inventory: how full each pool is, the physical servers and the hypervisor hosts, each with a
/// maintenance switch, and the dialogs that add, edit and remove them. A server that is busy refuses to go into
/// maintenance or to be removed, and the page says why. Every action takes a scope of its own, then reloads the lists
/// and the charts.
/// </summary>
public sealed partial class InventoryPage
{
    /// <summary>Physical servers per page, unless the reader picks another size in the pager.</summary>
    public const int PageSize = 25;

    private readonly HashSet<Guid> busy = [];
    private MudTable<PhysicalServerView>? serverTable;
    private InventoryOverview? overview;
    private IReadOnlyList<ChartView> charts = [];
    private bool loading;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    private static DialogOptions EditorOptions => new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };

    private IEnumerable<Platform> Platforms => overview?.Platforms.Values ?? [];

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task ReloadAsync()
    {
        loading = true;
        try
        {
            await LoadAsync();
        }
        finally
        {
            loading = false;
        }
    }

    private async Task<TableData<PhysicalServerView>> LoadServersAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await Scopes.InScopeAsync(services => services.GetRequiredService<InventoryListReader>().ServerPageAsync(state.Page, state.PageSize, cancellationToken));
        return new TableData<PhysicalServerView> { Items = page.Items.Select(PhysicalServerView.Of).ToList(), TotalItems = page.Total };
    }

    private async Task LoadAsync()
    {
        overview = await Scopes.InScopeAsync(services => InventoryOverview.LoadAsync(services, CancellationToken.None));
        if (serverTable is not null)
        {
            await serverTable.ReloadServerData();
        }

        var utilisation = overview.Utilisation;
        charts =
        [
            new("vcpu", utilisation.Vcpus, "Virtual clusters: vCPUs allocated to VMs and free, overcommit included.", "No virtual cluster has a host yet."),
            new("memory", utilisation.Memory, "Virtual clusters: memory allocated to VMs and free, in GiB.", "No virtual cluster has a host yet."),
            new("storage", utilisation.Storage, "Virtual clusters: disk space allocated to VMs and free, in GiB.", "No virtual cluster has a host yet."),
            new("servers", utilisation.Servers, "Physical pools: servers by state.", "No physical pool has a server yet."),
        ];
    }

    private async Task SetServerMaintenanceAsync(PhysicalServerView server, bool on)
    {
        busy.Add(server.Id);
        try
        {
            var outcome = await Scopes.WithAsync<InventoryMaintenance, AdminOutcome<PhysicalServerView>>(
                maintenance => maintenance.SetServerAsync(server.Id, on, CancellationToken.None));
            Report(outcome, on ? $"{server.Name} is in maintenance: nothing new is deployed to it." : $"{server.Name} is back in service.");
            await LoadAsync();
        }
        finally
        {
            busy.Remove(server.Id);
        }
    }

    private async Task SetHostMaintenanceAsync(HypervisorHostView host, bool on)
    {
        busy.Add(host.Id);
        try
        {
            var outcome = await Scopes.WithAsync<InventoryMaintenance, AdminOutcome<HypervisorHostView>>(
                maintenance => maintenance.SetHostAsync(host.Id, on, CancellationToken.None));
            Report(outcome, on
                ? $"{host.Name} is in maintenance: its VMs keep running, new ones go to other hosts."
                : $"{host.Name} is back in service.");
            await LoadAsync();
        }
        finally
        {
            busy.Remove(host.Id);
        }
    }

    private Task AddServerAsync() => OpenServerDialogAsync("Add server", new ServerForm(Platforms));

    private async Task EditServerAsync(PhysicalServerView row)
    {
        // The form starts from the stored server (it says whether the BMC uses sessions, which the row does not);
        // its BMC password stays behind.
        var server = await Scopes.WithAsync<IInventoryStore, PhysicalServer?>(inventory => inventory.FindServerAsync(row.Id, CancellationToken.None));
        if (server is null)
        {
            await GoneAsync(row.Name);
            return;
        }

        await OpenServerDialogAsync($"Edit {server.Name}", ServerForm.For(server, Platforms));
    }

    private async Task OpenServerDialogAsync(string title, ServerForm form)
    {
        var dialog = await Dialogs.ShowAsync<ServerDialog>(title, new DialogParameters<ServerDialog> { { d => d.Form, form } }, EditorOptions);
        if (await dialog.Result is { Canceled: false, Data: PhysicalServerView saved })
        {
            Snackbar.Add(form.IsNew ? $"{saved.Name} joined {overview!.PlatformName(saved.PlatformId)}." : $"{saved.Name} saved.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RemoveServerAsync(PhysicalServerView server)
    {
        var answer = await Dialogs.ShowMessageBoxAsync(
            $"Remove {server.Name}?",
            $"It leaves {overview!.PlatformName(server.PlatformId)} and the inventory, with its BMC credentials; nothing is done to the machine itself.",
            yesText: "Remove", cancelText: "Keep it");
        if (answer != true)
        {
            return;
        }

        busy.Add(server.Id);
        try
        {
            var outcome = await Scopes.WithAsync<InventoryRegistration, AdminOutcome<string>>(
                registration => registration.RemoveServerAsync(server.Id, CancellationToken.None));
            Report(outcome, $"{server.Name} is no longer in the inventory.");
            await LoadAsync();
        }
        finally
        {
            busy.Remove(server.Id);
        }
    }

    private Task AddHostAsync() => OpenHostDialogAsync("Add host", new HostForm(Platforms));

    private async Task EditHostAsync(HypervisorHostView row)
    {
        var host = await Scopes.WithAsync<IInventoryStore, HypervisorHost?>(inventory => inventory.FindHostAsync(row.Id, CancellationToken.None));
        if (host is null)
        {
            await GoneAsync(row.Name);
            return;
        }

        await OpenHostDialogAsync($"Edit {host.Name}", HostForm.For(host, Platforms));
    }

    private async Task OpenHostDialogAsync(string title, HostForm form)
    {
        var dialog = await Dialogs.ShowAsync<HostDialog>(title, new DialogParameters<HostDialog> { { d => d.Form, form } }, EditorOptions);
        if (await dialog.Result is { Canceled: false, Data: HypervisorHostView saved })
        {
            Snackbar.Add(form.IsNew ? $"{saved.Name} joined {overview!.PlatformName(saved.PlatformId)}." : $"{saved.Name} saved.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RemoveHostAsync(HypervisorHostView host)
    {
        var answer = await Dialogs.ShowMessageBoxAsync(
            $"Remove {host.Name}?",
            $"It leaves {overview!.PlatformName(host.PlatformId)} and the inventory; nothing is done to the hypervisor itself.",
            yesText: "Remove", cancelText: "Keep it");
        if (answer != true)
        {
            return;
        }

        busy.Add(host.Id);
        try
        {
            var outcome = await Scopes.WithAsync<InventoryRegistration, AdminOutcome<string>>(
                registration => registration.RemoveHostAsync(host.Id, CancellationToken.None));
            Report(outcome, $"{host.Name} is no longer in the inventory.");
            await LoadAsync();
        }
        finally
        {
            busy.Remove(host.Id);
        }
    }

    /// <summary>Someone else removed it meanwhile: say so, and show the inventory as it is now.</summary>
    private async Task GoneAsync(string name)
    {
        Snackbar.Add($"{name} is no longer in the inventory.", Severity.Warning);
        await LoadAsync();
    }

    private void Report<T>(AdminOutcome<T> outcome, string success)
        where T : class
    {
        if (outcome.Succeeded)
        {
            Snackbar.Add(success, Severity.Success);
        }
        else
        {
            Snackbar.Add(string.Join(" ", outcome.Messages), Severity.Error);
        }
    }

    private static string Speed(IReadOnlyList<NetworkPort> nics) =>
        nics.Count == 0 ? "" : nics.Max(n => n.SpeedMbps) >= 1000 ? $"{nics.Max(n => n.SpeedMbps) / 1000} Gb/s" : $"{nics.Max(n => n.SpeedMbps)} Mb/s";

    /// <summary>One chart as the page draws it: the data, and the chart component's series and options made once per load.</summary>
    private sealed record ChartView(string Key, UtilisationChart Data, string Caption, string Empty)
    {
        public List<ChartSeries<double>> Series { get; } =
            Data.Series.Select(s => new ChartSeries<double> { Name = s.Name, Data = s.Values.ToArray() }).ToList();

        public string[] Labels { get; } = Data.Labels.ToArray();

        public StackedBarChartOptions Options { get; } = new()
        {
            ChartPalette = Data.Colors.ToArray(),
            ShowZeroValues = false,
            ShowLegend = true,
            YAxisTicks = Data.TickStep(),
            // Cluster names are long; slanted, they do not run into each other.
            XAxisLabelRotation = 30,
        };
    }
}
