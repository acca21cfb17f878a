using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Web.Hosting;
using Portal.Web.Provisioning.Inventory;

namespace Portal.Web.Dashboard;

/// <summary>The admins' part of the home page: requests over time, time to a running server, approvers' queues, capacity per pool.</summary>
public sealed partial class AdminDashboard
{
    private AdminDashboardView? view;
    private List<ChartSeries<double>> requestSeries = [];
    private string[] requestLabels = [];
    private StackedBarChartOptions requestOptions = new();
    private List<ChartSeries<double>> approverSeries = [];
    private string[] approverLabels = [];
    private BarChartOptions approverOptions = new();
    private IReadOnlyList<CapacityChart> capacity = [];

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    protected override async Task OnInitializedAsync()
    {
        view = await Scopes.InScopeAsync(services => services.GetRequiredService<DashboardReader>().AdminAsync(CancellationToken.None));
        requestSeries = view.Requests.Series
            .Select(s => new ChartSeries<double> { Name = Requests.RequestText.Status(s.Status), Data = s.PerDay.Select(n => (double)n).ToArray() })
            .ToList();
        requestLabels = [.. view.Requests.Labels];
        requestOptions = new StackedBarChartOptions
        {
            ChartPalette = view.Requests.Series.Select(s => RequestStatusColors.Of(s.Status)).ToArray(),
            ShowZeroValues = false,
            ShowLegend = true,
            YAxisTicks = 1,
            XAxisLabelRotation = 45,
        };
        approverSeries = [new ChartSeries<double> { Name = "Waiting", Data = view.PendingPerApprover.Select(l => (double)l.Pending).ToArray() }];
        approverLabels = view.PendingPerApprover.Select(l => l.DisplayName).ToArray();
        approverOptions = new BarChartOptions { ChartPalette = ["#fb8c00"], ShowLegend = false, YAxisTicks = 1, XAxisLabelRotation = 30 };
        capacity =
        [
            new CapacityChart("vcpu", view.Capacity.Vcpus),
            new CapacityChart("servers", view.Capacity.Servers),
        ];
    }

    /// <summary>One capacity chart with its component series and options, made once per load.</summary>
    private sealed record CapacityChart(string Key, UtilisationChart Data)
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
            XAxisLabelRotation = 30,
        };
    }
}
