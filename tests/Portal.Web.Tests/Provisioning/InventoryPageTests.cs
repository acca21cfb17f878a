using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using Portal.Domain.Inventory;
using Portal.Provisioning;
using Portal.Provisioning.Inventory;
using Portal.Web.Provisioning;
using Portal.Web.Provisioning.Inventory;

namespace Portal.Web.Tests.Provisioning;

/// <summary>Admin › Inventory over the demo inventory of a portal of its own; each test changes only the servers it names.</summary>
public sealed class InventoryPageTests(ProvisioningPortal portal) : ProvisioningPagesTestContext(portal), IClassFixture<ProvisioningPortal>
{
    [Fact]
    public void Every_demo_server_is_listed_with_its_pool_state_and_bmc_address()
    {
        SignInAsAdmin();

        var page = RenderInventory();

        Assert.Equal(InventoryDemoData.Servers.Select(s => s.Name).Order(StringComparer.Ordinal),
            page.FindAll("[data-testid=server-name]").Select(c => c.TextContent.Trim()).Order(StringComparer.Ordinal));
        var r750 = ServerRow(page, "r750-07");
        Assert.Contains("Rack pool A (PXE)", r750.TextContent, StringComparison.Ordinal);
        Assert.Equal("Maintenance", r750.QuerySelector("[data-testid=server-state]")!.GetAttribute("data-state"));
        var bmc = r750.QuerySelector("[data-testid=bmc-address]")!;
        Assert.Equal("r750-07-idrac.lab", bmc.TextContent.Trim());
        Assert.Equal("https://r750-07-idrac.lab/", bmc.GetAttribute("title"));
    }

    [Fact]
    public void No_bmc_password_reaches_the_page()
    {
        SignInAsAdmin();

        var page = RenderInventory();

        Assert.DoesNotContain(InventoryDemoData.BmcPassword, page.Markup, StringComparison.Ordinal);
        Assert.Contains("password set", ServerRow(page, "r640-01").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hosts_tab_lists_every_host_with_its_allocation_against_capacity()
    {
        SignInAsAdmin();
        var page = RenderInventory();

        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Hypervisor hosts", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Equal(InventoryDemoData.Hosts.Count, page.FindAll("[data-testid=host-name]").Count), Patience);
        var esx = page.FindAll("tr").Single(r => r.QuerySelector("[data-testid=host-name] b")?.TextContent == "esx-par-01");
        var vcpu = esx.QuerySelector("[data-testid=host-vcpu]")!;
        Assert.Equal("160", vcpu.GetAttribute("data-capacity"));
        Assert.Contains("vSphere cluster Paris", esx.TextContent, StringComparison.Ordinal);
        Assert.NotNull(esx.QuerySelector("[data-testid=host-memory] .mud-progress-linear"));
    }

    [Fact]
    public void The_charts_show_a_bar_per_virtual_cluster_and_per_physical_pool()
    {
        SignInAsAdmin();

        var page = RenderInventory();

        Assert.Equal(
            ["Hyper-V cluster Dublin", "KVM cluster Frankfurt", "Simulated virtual datacenter", "vSphere cluster Paris"],
            Bars(page, "vcpu").Select(b => b.GetAttribute("data-platform")!).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["Edge servers (Redfish)", "Rack pool A (PXE)", "Simulated bare-metal pool"],
            Bars(page, "servers").Select(b => b.GetAttribute("data-platform")!).Order(StringComparer.Ordinal));
        // Other tests change rack servers; nothing changes the edge pool.
        var edge = Bars(page, "servers").Single(b => b.GetAttribute("data-platform") == "Edge servers (Redfish)");
        Assert.Contains("Available 2 of 2 servers", edge.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=chart-servers] svg"));
    }

    [Fact]
    public async Task The_maintenance_switch_takes_an_idle_server_out_of_service_and_back()
    {
        SignInAsAdmin();
        Render<MudSnackbarProvider>();
        var page = RenderInventory();

        Toggle(ServerRow(page, "r640-01"), true);
        page.WaitForAssertion(() => Assert.Equal("Maintenance", State(page, "r640-01")), Patience);
        Assert.Equal(ServerState.Maintenance, (await FindServerAsync("r640-01")).State);

        Toggle(ServerRow(page, "r640-01"), false);
        page.WaitForAssertion(() => Assert.Equal("Available", State(page, "r640-01")), Patience);
        Assert.Equal(ServerState.Available, (await FindServerAsync("r640-01")).State);
    }

    [Fact]
    public async Task A_busy_server_refuses_maintenance_and_the_snackbar_says_why()
    {
        SignInAsAdmin();
        var busy = await FindServerAsync("r640-03");
        await WithAsync<IInventoryStore, bool>(async inventory =>
        {
            await inventory.SetServerStateAsync(busy.Id, ServerState.InUse, Token);
            return true;
        });
        var snackbars = Render<MudSnackbarProvider>();
        var page = RenderInventory();

        Toggle(ServerRow(page, "r640-03"), true);

        snackbars.WaitForAssertion(() => Assert.Contains(
            "r640-03 is in use: only an idle (Available or Failed) server goes into maintenance", snackbars.Markup, StringComparison.Ordinal), Patience);
        Assert.Equal("InUse", State(page, "r640-03"));
        Assert.Equal("In use", ServerRow(page, "r640-03").QuerySelector("[data-testid=server-state]")!.TextContent.Trim());
        Assert.Equal(ServerState.InUse, (await FindServerAsync("r640-03")).State);
    }

    [Fact]
    public void While_the_simulated_datacenter_plays_every_platform_every_pool_and_cluster_is_marked()
    {
        SignInAsAdmin();

        var page = RenderInventory();

        Assert.NotNull(ServerRow(page, "r640-01").QuerySelector("[data-testid=simulated-badge]"));
        OpenHostsTab(page);
        Assert.NotNull(HostRow(page, "kvm-fra-01").QuerySelector("[data-testid=simulated-badge]"));
    }

    [Fact]
    public void With_real_drivers_only_the_simulated_pool_and_cluster_are_marked()
    {
        Drivers.Drivers = DriverMode.Real;
        SignInAsAdmin();

        var page = RenderInventory();

        Assert.Null(ServerRow(page, "r640-01").QuerySelector("[data-testid=simulated-badge]"));
        Assert.NotNull(ServerRow(page, "sim-bm-01").QuerySelector("[data-testid=simulated-badge]"));
        OpenHostsTab(page);
        Assert.Null(HostRow(page, "kvm-fra-01").QuerySelector("[data-testid=simulated-badge]"));
        Assert.NotNull(HostRow(page, "sim-host-01").QuerySelector("[data-testid=simulated-badge]"));
    }

    private IRenderedComponent<InventoryPage> RenderInventory()
    {
        Render<MudPopoverProvider>();
        var page = Render<InventoryPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=server-name]")), Patience);
        return page;
    }

    private Task<PhysicalServer> FindServerAsync(string name) =>
        WithAsync<IInventoryStore, PhysicalServer>(async inventory => (await inventory.ServersAsync(Token)).Single(s => s.Name == name));

    private static IElement ServerRow(IRenderedComponent<InventoryPage> page, string name) =>
        page.FindAll("tr").Single(r => r.QuerySelector("[data-testid=server-name]")?.TextContent.Trim() == name);

    private static void OpenHostsTab(IRenderedComponent<InventoryPage> page)
    {
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Hypervisor hosts", StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=host-name]")), Patience);
    }

    private static IElement HostRow(IRenderedComponent<InventoryPage> page, string name) =>
        page.FindAll("tr").Single(r => r.QuerySelector("[data-testid=host-name] b")?.TextContent.Trim() == name);

    private static string? State(IRenderedComponent<InventoryPage> page, string name) =>
        ServerRow(page, name).QuerySelector("[data-testid=server-state]")!.GetAttribute("data-state");

    private static IReadOnlyList<IElement> Bars(IRenderedComponent<InventoryPage> page, string chart) =>
        page.FindAll($"[data-testid=chart-{chart}] [data-testid=bar]");

    private static void Toggle(IElement row, bool on) =>
        row.QuerySelector("[data-testid=server-maintenance] input, input[data-testid=server-maintenance]")!.Change(on);
}
