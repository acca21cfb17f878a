using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Validation;
using Portal.Web.Library;
using Portal.Web.Provisioning;
using Portal.Web.Provisioning.Inventory;

namespace Portal.Web.Tests.Provisioning;

public sealed class ServerFormTests
{
    private static readonly PhysicalServer R640 = InventoryDemoData.Servers.Single(s => s.Name == "r640-01");

    [Fact]
    public void Only_physical_pools_are_offered()
    {
        var form = new ServerForm(LibraryDemoData.Platforms);

        Assert.Equal(["Edge servers (Redfish)", "Rack pool A (PXE)", "Simulated bare-metal pool"], form.Pools.Select(p => p.Name));
    }

    [Fact]
    public void A_new_server_starts_with_one_disk_and_one_nic_to_fill_in()
    {
        var form = new ServerForm(LibraryDemoData.Platforms);

        Assert.True(form.IsNew);
        Assert.Null(form.PlatformId);
        Assert.Single(form.Disks);
        Assert.Equal([("eno1", "")], form.Nics.Select(n => (n.Name, n.MacAddress)));
        Assert.Equal([FirmwareType.Bios, FirmwareType.Uefi], form.Firmware);
        Assert.True(form.BmcUseSession, "Redfish sessions are the default, as for the API");
    }

    [Fact]
    public void An_edited_server_fills_every_field_but_the_bmc_password()
    {
        var form = ServerForm.For(R640 with { Bmc = R640.Bmc with { UseSession = false, CertificateSha256 = new string('a', 64) } }, LibraryDemoData.Platforms);

        Assert.Equal((R640.Id, "r640-01", R640.PlatformId, 16, 128m, "A01"), (form.Id!.Value, form.Name, form.PlatformId!.Value, form.CpuCores, form.MemoryGiB, form.Rack));
        Assert.Equal([960m, 960m], form.Disks.Select(d => d.SizeGiB));
        Assert.Equal([("eno1", "b8:ca:3a:00:01:01", 25000), ("eno2", "b8:ca:3a:00:01:02", 25000)], form.Nics.Select(n => (n.Name, n.MacAddress, n.SpeedMbps)));
        Assert.Equal(("https://r640-01-idrac.lab", "portal", false, new string('a', 64)), (form.BmcAddress, form.BmcUserName, form.BmcUseSession, form.BmcCertificateSha256));
        Assert.Null(form.BmcPassword);
    }

    [Fact]
    public void The_password_help_says_that_an_empty_password_keeps_the_stored_one_on_an_edit_only()
    {
        Assert.Contains("keep the stored password", ServerForm.For(R640, LibraryDemoData.Platforms).PasswordHelp, StringComparison.Ordinal);
        Assert.DoesNotContain("keep", new ServerForm(LibraryDemoData.Platforms).PasswordHelp, StringComparison.Ordinal);
    }

    [Fact]
    public void The_input_carries_the_fields_lists_and_bmc_as_the_api_takes_them()
    {
        var form = new ServerForm(LibraryDemoData.Platforms)
        {
            Name = "r660-01",
            PlatformId = LibraryDemoData.Platforms[0].Id,
            CpuCores = 24,
            MemoryGiB = 192,
            Rack = "B07",
            BmcAddress = " https://r660-01-idrac.lab ",
            BmcUserName = "portal",
            BmcPassword = "idrac-Secret-9",
            BmcUseSession = false,
            Firmware = [FirmwareType.Uefi],
        };
        form.Disks[0].SizeGiB = 960;
        form.AddDisk();
        form.Nics[0].MacAddress = "b8:ca:3a:99:00:01";
        form.AddNic();
        form.Nics[1].MacAddress = "b8:ca:3a:99:00:02";

        var input = form.ToInput();

        Assert.Equal(("r660-01", LibraryDemoData.Platforms[0].Id, 24, 192m, "B07"), (input.Name, input.PlatformId, input.CpuCores, input.MemoryGiB, input.Rack));
        Assert.Equal([960m, 960m], input.DisksGiB);
        Assert.Equal([new NetworkPort("eno1", "b8:ca:3a:99:00:01"), new NetworkPort("eno2", "b8:ca:3a:99:00:02")], input.Nics);
        Assert.Equal([FirmwareType.Uefi], input.Firmware);
        Assert.Equal((new Uri("https://r660-01-idrac.lab"), "portal", "idrac-Secret-9", false, (string?)null),
            (input.BmcAddress, input.BmcUserName, input.BmcPassword, input.BmcUseSession, input.BmcCertificateSha256));
    }

    [Fact]
    public void An_empty_password_is_sent_as_none_so_that_an_edit_keeps_the_stored_one()
    {
        var form = ServerForm.For(R640, LibraryDemoData.Platforms);
        form.BmcPassword = "";

        Assert.Null(form.ToInput().BmcPassword);
    }

    [Fact]
    public void An_edited_nic_keeps_its_speed()
    {
        var form = ServerForm.For(R640, LibraryDemoData.Platforms);
        form.Nics[1].MacAddress = "B8:CA:3A:00:01:99";

        Assert.Equal(new NetworkPort("eno2", "B8:CA:3A:00:01:99", 25000), form.ToInput().Nics[1]);
    }

    [Fact]
    public void A_bmc_address_that_is_no_url_is_sent_as_none_for_the_registration_to_explain()
    {
        var form = new ServerForm(LibraryDemoData.Platforms) { BmcAddress = "r660-01-idrac" };

        Assert.Null(form.ToInput().BmcAddress);
    }

    [Fact]
    public void No_pool_chosen_is_sent_as_the_empty_id_which_the_registration_refuses_on_the_pool()
    {
        Assert.Equal(Guid.Empty, new ServerForm(LibraryDemoData.Platforms).ToInput().PlatformId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("3f:2a:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd")]
    [InlineData("3F2A00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDD")]
    public void No_pin_or_a_sha256_in_hex_with_or_without_colons_passes_the_check(string pin)
    {
        var form = new ServerForm(LibraryDemoData.Platforms) { BmcCertificateSha256 = pin };

        Assert.Empty(form.Check());
    }

    [Theory]
    [InlineData("3f2a")]
    [InlineData("not a sha-256 at all, but sixty-four characters long, padded...")]
    public void A_certificate_pin_that_is_no_sha256_is_refused_on_its_field(string pin)
    {
        var form = new ServerForm(LibraryDemoData.Platforms) { BmcCertificateSha256 = pin };

        Assert.Equal([ServerForm.CertificateKey], form.Check().Select(e => e.Field));
    }

    [Fact]
    public void A_refusals_errors_go_to_their_fields_and_the_rest_above_them()
    {
        var form = ServerForm.For(R640, LibraryDemoData.Platforms);

        form.Errors.Refused([
            new ValidationError("facts.nics[1].macAddress", "'nope' is not a MAC address."),
            new ValidationError("bmc.password", "A new server needs its BMC password."),
            new ValidationError("Name", "A server named 'r640-01' exists already."),
            new ValidationError("state", "r640-01 is InUse for a deployment."),
        ]);

        Assert.Equal("'nope' is not a MAC address.", form.Errors.For(ServerForm.MacKey(1)));
        Assert.False(form.Errors.Has(ServerForm.MacKey(0)), "the error belongs to the second NIC only");
        Assert.True(form.Errors.Has(ServerForm.BmcPasswordKey));
        Assert.True(form.Errors.Has(ServerForm.NameKey), "keys compare without regard to case");
        Assert.Equal(["r640-01 is InUse for a deployment."], form.OtherErrors);
    }

    [Fact]
    public void An_error_about_a_nic_that_is_no_longer_there_shows_above_the_fields()
    {
        var form = new ServerForm(LibraryDemoData.Platforms);

        form.Errors.Refused([new ValidationError("facts.nics[3].macAddress", "'x' is not a MAC address.")]);

        Assert.Equal(["'x' is not a MAC address."], form.OtherErrors);
    }

    [Fact]
    public void Removing_a_nic_forgets_the_errors_that_point_at_nics_by_position()
    {
        var form = ServerForm.For(R640, LibraryDemoData.Platforms);
        form.Errors.Refused([
            new ValidationError("facts.nics[1].macAddress", "'nope' is not a MAC address."),
            new ValidationError("bmc.userName", "The BMC needs a user name."),
        ]);

        form.RemoveNic(form.Nics[0]);

        Assert.False(form.Errors.Has(ServerForm.MacKey(0)), "the second NIC is now the first, and its old error no longer applies to a row");
        Assert.True(form.Errors.Has(ServerForm.BmcUserNameKey));
    }

    [Fact]
    public void An_unknown_server_is_reported_above_the_fields()
    {
        var form = ServerForm.For(R640, LibraryDemoData.Platforms);

        form.Errors.Refused(AdminOutcome<PhysicalServerView>.NotFound("There is no server 42."));

        Assert.Equal(["There is no server 42."], form.OtherErrors);
    }
}
