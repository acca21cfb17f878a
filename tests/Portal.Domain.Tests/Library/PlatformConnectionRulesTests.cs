using Portal.Domain.Library;

namespace Portal.Domain.Tests.Library;

public sealed class PlatformConnectionRulesTests
{
    [Theory]
    [InlineData("qemu:///system")]
    [InlineData("qemu:///session")]
    [InlineData("qemu+ssh://root@kvm01/system")]
    [InlineData("qemu+tls://kvm01.lab:16514/system")]
    [InlineData("qemu+ssh://ops@kvm02/system?keyfile=/etc/portal/id_ed25519")]
    [InlineData("test:///default")]
    public void A_libvirt_platform_with_a_known_uri_is_valid(string uri) =>
        Assert.Empty(PlatformRules.Validate(Kvm(new PlatformConnection { Driver = PlatformDriver.Libvirt, Uri = uri })));

    [Theory]
    [InlineData(null, "A libvirt platform needs a libvirt URI such as qemu:///system or qemu+ssh://root@kvm01/system.")]
    [InlineData("kvm01", "'kvm01' is not a libvirt URI such as qemu:///system or qemu+ssh://root@kvm01/system.")]
    [InlineData("https://vcenter.lab/sdk", "libvirt's 'https' driver does not run KVM guests: use qemu:// or test:// (a libvirt URI such as qemu:///system or qemu+ssh://root@kvm01/system).")]
    [InlineData("qemu+telnet://kvm01/system", "libvirt has no 'telnet' transport: use one of unix, ssh, libssh, libssh2, tcp, tls, ext.")]
    public void A_libvirt_platform_without_a_usable_uri_is_refused_on_the_uri_field(string? uri, string message)
    {
        var error = Assert.Single(PlatformRules.Validate(Kvm(new PlatformConnection { Driver = PlatformDriver.Libvirt, Uri = uri })));

        Assert.Equal("connection.uri", error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_libvirt_platform_refuses_a_password_it_would_never_use()
    {
        var connection = new PlatformConnection { Driver = PlatformDriver.Libvirt, Uri = "qemu+ssh://root@kvm01/system", Password = new SecretValue("s3cret") };

        Assert.Equal("connection.password", Assert.Single(PlatformRules.Validate(Kvm(connection))).Field);
    }

    [Fact]
    public void A_redfish_pool_refuses_a_plain_http_service_address()
    {
        var error = Assert.Single(PlatformRules.Validate(Pool(new PlatformConnection { Driver = PlatformDriver.Redfish, Uri = "http://bmc-aggregator.lab" })));

        Assert.Equal("connection.uri", error.Field);
        Assert.Contains("https://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_redfish_pool_needs_no_address_of_its_own_since_each_server_has_its_bmc() =>
        Assert.Empty(PlatformRules.Validate(Pool(new PlatformConnection { Driver = PlatformDriver.Redfish, IpxeHasHttps = true })));

    [Fact]
    public void A_password_without_its_user_name_is_refused_on_the_user_field()
    {
        var connection = new PlatformConnection { Driver = PlatformDriver.Redfish, Uri = "https://bmc.lab", Password = new SecretValue("s3cret") };

        Assert.Equal("connection.userName", Assert.Single(PlatformRules.Validate(Pool(connection))).Field);
    }

    [Fact]
    public void A_kvm_platform_cannot_be_served_by_redfish()
    {
        var error = Assert.Single(PlatformRules.Validate(Kvm(new PlatformConnection { Driver = PlatformDriver.Redfish })), e => e.Field == "connection.driver");

        Assert.Equal("A KVM platform is served by libvirt or Simulated, not Redfish bare metal.", error.Message);
    }

    [Fact]
    public void A_vsphere_platform_can_only_be_simulated_until_the_portal_has_its_driver()
    {
        var vsphere = Kvm(new PlatformConnection { Driver = PlatformDriver.Libvirt, Uri = "qemu:///system" }) with { Technology = PlatformTechnology.VSphere };

        Assert.Contains(PlatformRules.Validate(vsphere), e => e.Field == "connection.driver");
        Assert.Empty(PlatformRules.Validate(vsphere with { Connection = PlatformConnection.Simulated }));
    }

    [Fact]
    public void Only_bare_metal_platforms_say_whether_their_ipxe_has_https() =>
        Assert.Equal("connection.ipxeHasHttps",
            Assert.Single(PlatformRules.Validate(Kvm(PlatformConnection.Simulated with { IpxeHasHttps = true }))).Field);

    [Fact]
    public void A_connection_shows_only_the_mask_of_its_password()
    {
        var connection = new PlatformConnection { Driver = PlatformDriver.Redfish, UserName = "root", Password = new SecretValue("calvin-42") };

        Assert.DoesNotContain("calvin-42", connection.ToString(), StringComparison.Ordinal);
        Assert.True(connection.HasPassword);
    }

    private static Platform Kvm(PlatformConnection connection) => new()
    {
        Id = Guid.NewGuid(), Name = "KVM lab", Kind = PlatformKind.Virtual, Technology = PlatformTechnology.Kvm,
        Capabilities = new PlatformCapabilities { DiskFormats = [DiskFormat.Qcow2] }, Connection = connection,
    };

    private static Platform Pool(PlatformConnection connection) => new()
    {
        Id = Guid.NewGuid(), Name = "Rack A", Kind = PlatformKind.Physical, Technology = PlatformTechnology.Pxe,
        Capabilities = new PlatformCapabilities { DiskFormats = [DiskFormat.Raw] }, Connection = connection,
    };
}
