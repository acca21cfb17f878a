using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Inventory;

namespace Portal.Web.Provisioning.Inventory;

/// <summary>
/// Admin › Inventory: how full each pool is, the physical servers and the hypervisor hosts, each with a
/// maintenance switch. A server that is busy refuses to go into maintenance, and the page says why.
/// </summary>
public sealed partial class InventoryPage
{
    private readonly HashSet<Guid> busy = [];
    private InventoryOverview? overview;
    private IReadOnlyList<ChartView> charts = [];
    private bool loading;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

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

    private async Task LoadAsync()
    {
        overview = await Scopes.InScopeAsync(services => InventoryOverview.LoadAsync(services, CancellationToken.None));
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
