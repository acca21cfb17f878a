using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Provisioning.Inventory;
using Portal.Web.Provisioning;
using Portal.Web.Provisioning.Inventory;

namespace Portal.Web.Tests.Provisioning;

/// <summary>
/// Adding, editing and removing servers and hosts from Admin › Inventory, on a portal of its own (the tests add
/// hardware, which <see cref="InventoryPageTests"/> would count); each test works on hardware it names.
/// </summary>
public sealed partial class InventoryRegistrationPageTests(ProvisioningPortal portal) : ProvisioningPagesTestContext(portal), IClassFixture<ProvisioningPortal>
{
    private IRenderedComponent<MudPopoverProvider>? popovers;

    [Fact]
    public async Task Adding_a_server_lists_it_in_its_pool()
    {
        SignInAsAdmin();
        var page = RenderInventory();
        var dialogs = OpenDialog(page, "add-server", "save-server");

        FillServer(dialogs, "r660-ui-01", "b8:ca:3a:99:10:01");
        dialogs.Find("[data-testid=save-server]").Click();

        page.WaitForAssertion(() => Assert.Contains("Rack pool A (PXE)", ServerRow(page, "r660-ui-01").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(dialogs.FindAll("[data-testid=server-dialog]"));
        var stored = await FindServerAsync("r660-ui-01");
        Assert.Equal((24, "b8:ca:3a:99:10:01", "idrac-Secret-9"), (stored.Facts.CpuCores, stored.Facts.Nics[0].MacAddress, stored.Bmc.Password.Reveal()));
    }

    [Fact]
    public void A_bad_mac_is_refused_next_to_its_nic_and_the_dialog_stays_open()
    {
        SignInAsAdmin();
        var page = RenderInventory();
        var dialogs = OpenDialog(page, "add-server", "save-server");

        FillServer(dialogs, "r660-ui-02", "not-a-mac");
        dialogs.Find("[data-testid=save-server]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("is not a MAC address", ErrorOf(dialogs, "field-nic-mac"), StringComparison.Ordinal), Patience);
        Assert.Equal("", ErrorOf(dialogs, "field-name"));
        Assert.Empty(dialogs.FindAll("[data-testid=server-errors]"));
        Assert.DoesNotContain(page.FindAll("[data-testid=server-name]"), c => c.TextContent.Trim() == "r660-ui-02");
    }

    [Fact]
    public void A_plain_http_BMC_address_is_refused_next_to_the_address_field_and_the_dialog_stays_open()
    {
        SignInAsAdmin();
        var page = RenderInventory();
        var dialogs = OpenDialog(page, "add-server", "save-server");

        FillServer(dialogs, "r660-ui-09", "b8:ca:3a:99:10:09");
        Input(dialogs, "field-bmc-address").Change("http://r660-ui-09-idrac.lab");
        dialogs.Find("[data-testid=save-server]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("must be https://", ErrorOf(dialogs, "field-bmc-address"), StringComparison.Ordinal), Patience);
        Assert.NotEmpty(dialogs.FindAll("[data-testid=server-dialog]"));
        Assert.DoesNotContain(page.FindAll("[data-testid=server-name]"), c => c.TextContent.Trim() == "r660-ui-09");
    }

    [Fact]
    public async Task Editing_a_server_without_typing_a_password_keeps_the_stored_one()
    {
        SignInAsAdmin();
        await RegisterServerAsync("r660-ui-03", "b8:ca:3a:99:10:03");
        var page = RenderInventory();
        var dialogs = OpenDialog(page, ServerRow(page, "r660-ui-03"), "edit-server", "save-server");
        Assert.True(string.IsNullOrEmpty(Input(dialogs, "field-bmc-password").GetAttribute("value")), "the stored password never comes into the form");

        Input(dialogs, "field-cores").Change("32");
        dialogs.Find("[data-testid=save-server]").Click();

        page.WaitForAssertion(() => Assert.Contains(">32<", ServerRow(page, "r660-ui-03").InnerHtml, StringComparison.Ordinal), Patience);
        var stored = await FindServerAsync("r660-ui-03");
        Assert.Equal(32, stored.Facts.CpuCores);
        Assert.Equal("first-Secret-1", stored.Bmc.Password.Reveal());
    }

    [Fact]
    public async Task Removing_an_idle_server_takes_it_out_of_the_list_and_the_inventory()
    {
        SignInAsAdmin();
        var id = await RegisterServerAsync("r660-ui-04", "b8:ca:3a:99:10:04");
        var page = RenderInventory();

        var dialogs = Remove(page, ServerRow(page, "r660-ui-04"), "remove-server");

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("[data-testid=server-name]"), c => c.TextContent.Trim() == "r660-ui-04"), Patience);
        Assert.Null(await WithAsync<IInventoryStore, PhysicalServer?>(inventory => inventory.FindServerAsync(id, Token)));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task Removing_a_server_that_holds_a_deployment_is_refused_and_the_snackbar_says_why()
    {
        SignInAsAdmin();
        var reservation = await WithAsync<IInventoryStore, AllocationOutcome>(inventory => inventory.ReserveAsync(new AllocationRequest(
            $"ui-remove-{Guid.NewGuid():N}", Guid.NewGuid(), new AllocationDemand(4, 8192, [100], 1, CpuArchitecture.X86_64, FirmwareType.Uefi),
            [PlatformKind.Physical], TimeSpan.FromHours(1), [ProvisioningPortal.SimulatedBareMetal]), Token));
        Assert.True(reservation.Succeeded, string.Join("; ", reservation.Reasons));
        var held = (await WithAsync<IInventoryStore, PhysicalServer?>(inventory => inventory.FindServerAsync(reservation.Reservation!.ServerId!.Value, Token)))!;
        var snackbars = Render<MudSnackbarProvider>();
        var page = RenderInventory();

        Remove(page, ServerRow(page, held.Name), "remove-server");

        snackbars.WaitForAssertion(() => Assert.Contains(
            $"{held.Name} is reserved for a deployment: decommission its server first.", snackbars.Markup, StringComparison.Ordinal), Patience);
        Assert.NotNull(ServerRow(page, held.Name));
        Assert.NotNull(await WithAsync<IInventoryStore, PhysicalServer?>(inventory => inventory.FindServerAsync(held.Id, Token)));
        await WithAsync<IInventoryStore, bool>(inventory => inventory.ReleaseAsync(reservation.Reservation!.Id, Token));
    }

    [Fact]
    public void Adding_a_host_lists_it_and_grows_its_clusters_bar()
    {
        SignInAsAdmin();
        var page = RenderInventory();
        var before = VcpuTotal(page, "KVM cluster Frankfurt");
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Hypervisor hosts", StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=add-host]")), Patience);
        var dialogs = OpenDialog(page, "add-host", "save-host");

        Input(dialogs, "field-name").Change("kvm-fra-ui");
        Choose(dialogs, "field-cluster", "KVM cluster Frankfurt");
        Input(dialogs, "field-connection").Change("qemu+ssh://kvm-fra-ui/system");
        Input(dialogs, "field-cpus").Change("64");
        Input(dialogs, "field-overcommit").Change("2");
        Input(dialogs, "field-memory").Change("1024");
        Input(dialogs, "field-storage").Change("20000");
        dialogs.Find("[data-testid=save-host]").Click();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=host-name] b"), b => b.TextContent == "kvm-fra-ui"), Patience);
        Assert.Equal(before + 128, VcpuTotal(page, "KVM cluster Frankfurt"));
    }

    [Fact]
    public void A_refused_host_shows_each_error_next_to_its_field()
    {
        SignInAsAdmin();
        var page = RenderInventory();
        page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Hypervisor hosts", StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=add-host]")), Patience);
        var dialogs = OpenDialog(page, "add-host", "save-host");

        Input(dialogs, "field-name").Change("kvm-fra-empty");
        Choose(dialogs, "field-cluster", "KVM cluster Frankfurt");
        dialogs.Find("[data-testid=save-host]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("connection", ErrorOf(dialogs, "field-connection"), StringComparison.Ordinal), Patience);
        Assert.Equal("A host has at least one CPU.", ErrorOf(dialogs, "field-cpus"));
        Assert.Equal("A host has memory.", ErrorOf(dialogs, "field-memory"));
        Assert.Equal("A host has storage for its guests' disks.", ErrorOf(dialogs, "field-storage"));
        Assert.Equal("", ErrorOf(dialogs, "field-name"));
    }

    private IRenderedComponent<InventoryPage> RenderInventory()
    {
        popovers = Render<MudPopoverProvider>();
        var page = Render<InventoryPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=server-name]")), Patience);
        return page;
    }

    private IRenderedComponent<MudDialogProvider> OpenDialog(IRenderedComponent<InventoryPage> page, string button, string submit)
    {
        var dialogs = Render<MudDialogProvider>();
        page.Find($"[data-testid={button}]").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll($"[data-testid={submit}]")), Patience);
        return dialogs;
    }

    private IRenderedComponent<MudDialogProvider> OpenDialog(IRenderedComponent<InventoryPage> page, IElement row, string button, string submit)
    {
        var dialogs = Render<MudDialogProvider>();
        row.QuerySelector($"[data-testid={button}]")!.Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll($"[data-testid={submit}]")), Patience);
        return dialogs;
    }

    /// <summary>Clicks a row's remove button and confirms.</summary>
    private IRenderedComponent<MudDialogProvider> Remove(IRenderedComponent<InventoryPage> page, IElement row, string button)
    {
        var dialogs = Render<MudDialogProvider>();
        row.QuerySelector($"[data-testid={button}]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("nothing is done to the", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Patience);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Remove").Click();
        return dialogs;
    }

    private void FillServer(IRenderedComponent<MudDialogProvider> dialogs, string name, string mac)
    {
        Input(dialogs, "field-name").Change(name);
        Choose(dialogs, "field-pool", "Rack pool A (PXE)");
        Input(dialogs, "field-cores").Change("24");
        Input(dialogs, "field-memory").Change("192");
        Input(dialogs, "field-disk").Change("960");
        Input(dialogs, "field-nic-mac").Change(mac);
        Input(dialogs, "field-bmc-address").Change($"https://{name}-idrac.lab");
        Input(dialogs, "field-bmc-user").Change("portal");
        Input(dialogs, "field-bmc-password").Change("idrac-Secret-9");
    }

    /// <summary>Opens a select and clicks the item with <paramref name="text"/>.</summary>
    private void Choose(IRenderedComponent<MudDialogProvider> dialogs, string testId, string text)
    {
        var menu = popovers!;
        dialogs.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.MouseDown();
        menu.WaitForAssertion(() => Assert.Contains(menu.FindAll(".mud-popover-open .mud-list-item"), i => i.TextContent.Trim() == text), Patience);
        menu.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == text).Click();
        dialogs.WaitForAssertion(() => Assert.Equal(text, Input(dialogs, testId).GetAttribute("value")), Patience);
    }

    private Task<Guid> RegisterServerAsync(string name, string mac) =>
        WithAsync<InventoryRegistration, Guid>(async registration =>
        {
            var saved = await registration.SaveServerAsync(null, new ServerInput
            {
                Name = name,
                PlatformId = Guid.Parse("9a1e0000-0000-4000-8000-000000000001"),
                CpuCores = 24,
                MemoryGiB = 192,
                DisksGiB = [960],
                Nics = [new NetworkPort("eno1", mac, 25000)],
                BmcAddress = new Uri($"https://{name}-idrac.lab"),
                BmcUserName = "portal",
                BmcPassword = "first-Secret-1",
            }, Token);
            Assert.True(saved.Succeeded, string.Join("; ", saved.Messages));
            return saved.Value!.Id;
        });

    private Task<PhysicalServer> FindServerAsync(string name) =>
        WithAsync<IInventoryStore, PhysicalServer>(async inventory => (await inventory.ServersAsync(Token)).Single(s => s.Name == name));

    private static IElement ServerRow(IRenderedComponent<InventoryPage> page, string name) =>
        page.FindAll("tr").Single(r => r.QuerySelector("[data-testid=server-name]")?.TextContent.Trim() == name);

    /// <summary>The total of a cluster's vCPU bar, from its description ("Free 448 of 448 vCPU").</summary>
    private static int VcpuTotal(IRenderedComponent<InventoryPage> page, string cluster)
    {
        var bar = page.FindAll("[data-testid=chart-vcpu] [data-testid=bar]").Single(b => b.GetAttribute("data-platform") == cluster);
        return int.Parse(Total().Match(bar.TextContent).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static IElement Input(IRenderedComponent<MudDialogProvider> dialogs, string testId) =>
        dialogs.Find($"[data-testid={testId}] input, input[data-testid={testId}]");

    /// <summary>The error text under a field; empty when it has none.</summary>
    private static string ErrorOf(IRenderedComponent<MudDialogProvider> dialogs, string testId) =>
        Input(dialogs, testId).Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? "";

    [GeneratedRegex(@"of (\d+) vCPU")]
    private static partial Regex Total();
}
