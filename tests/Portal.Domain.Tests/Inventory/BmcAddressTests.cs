using Portal.Domain.Inventory;

namespace Portal.Domain.Tests.Inventory;

/// <summary>What a server's BMC address may be: the BMC over https, or one system of a multi-system BMC.</summary>
public sealed class BmcAddressTests
{
    private static IReadOnlyList<string> AddressErrors(string address)
    {
        var server = InventoryExamples.Server("r640-01", 16, 128);
        return [.. (server with { Bmc = server.Bmc with { Address = new Uri(address) } }).Validate().Where(e => e.Field == "bmc.address").Select(e => e.Message)];
    }

    [Fact]
    public void A_plain_http_BMC_address_is_refused_at_registration_saying_why()
    {
        var error = Assert.Single(AddressErrors("http://10.0.0.21"));

        Assert.Contains("https://", error, StringComparison.Ordinal);
        Assert.Contains("clear text", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://10.0.0.21")]
    [InlineData("https://r640-01-idrac.lab/")]
    [InlineData("https://10.0.0.21/redfish/v1/")]
    [InlineData("https://chassis-bmc.lab/redfish/v1/Systems/2")]
    [InlineData("https://chassis-bmc.lab:8443/redfish/v1/Systems/System.Embedded.1/")]
    public void The_BMC_or_one_of_its_systems_over_https_is_accepted(string address)
    {
        Assert.Empty(AddressErrors(address));
    }

    [Theory]
    [InlineData("https://10.0.0.21/redfish/v1/Managers/1")]
    [InlineData("https://10.0.0.21/redfish/v1/Systems/")]
    [InlineData("https://10.0.0.21/redfish/v1/Systems/1/Bios")]
    [InlineData("https://10.0.0.21/ui/login")]
    [InlineData("ftp://10.0.0.21")]
    public void Another_path_or_scheme_is_refused(string address)
    {
        Assert.NotEmpty(AddressErrors(address));
    }

    [Theory]
    [InlineData("https://10.0.0.21", null)]
    [InlineData("https://10.0.0.21/redfish/v1/Systems/2", "2")]
    [InlineData("https://10.0.0.21/redfish/v1/Systems/System.Embedded.1/", "System.Embedded.1")]
    public void The_system_an_address_names_is_read_from_its_path(string address, string? systemId)
    {
        Assert.True(BmcEndpoint.TryReadSystemId(new Uri(address), out var read));
        Assert.Equal(systemId, read);
    }
}
