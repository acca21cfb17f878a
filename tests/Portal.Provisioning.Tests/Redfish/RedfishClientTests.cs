using System.Net;
using Portal.Domain.Library;
using Portal.Provisioning.Redfish;

namespace Portal.Provisioning.Tests.Redfish;

public sealed class RedfishClientTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static RedfishEndpoint Endpoint(FakeBmc bmc, RedfishAuth auth = RedfishAuth.Session, string password = FakeBmc.Password) => new()
    {
        BaseUri = bmc.BaseUri,
        UserName = FakeBmc.UserName,
        Password = new SecretValue(password),
        Auth = auth,
        CertificateSha256 = TestCertificates.Sha256Of(TestCertificates.SelfSigned),
    };

    [Fact]
    public async Task Powering_on_a_system_that_is_off_turns_it_on()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc));

        await client.ResetAsync(ResetType.On, Cancel);

        Assert.Equal("On", bmc.PowerState);
        Assert.Equal(PowerState.On, await client.GetPowerStateAsync(Cancel));
    }

    [Fact]
    public async Task Forcing_off_a_running_system_turns_it_off()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        bmc.PowerState = "On";
        await using var client = new RedfishClient(Endpoint(bmc));

        await client.ResetAsync(ResetType.ForceOff, Cancel);

        Assert.Equal(PowerState.Off, await client.GetPowerStateAsync(Cancel));
    }

    [Fact]
    public async Task The_system_is_found_through_the_Systems_collection_and_reset_at_the_target_it_advertises()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc));

        var system = await client.GetSystemAsync(Cancel);
        await client.ResetAsync(ResetType.GracefulRestart, Cancel);

        Assert.Equal(bmc.SystemId, system.Id);
        Assert.Contains(bmc.Requests, r => r is { Method: "POST" } && r.Path == bmc.ResetTarget && r.Body.Contains("\"ResetType\":\"GracefulRestart\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_system_id_the_BMC_does_not_have_is_a_clear_error()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc) with { SystemId = "System.Embedded.1" });

        var error = await Assert.ThrowsAsync<RedfishException>(() => client.GetPowerStateAsync(Cancel));

        Assert.Contains("no system System.Embedded.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_type_the_BMC_does_not_allow_is_refused_before_anything_is_sent()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc));

        var error = await Assert.ThrowsAsync<RedfishException>(() => client.ResetAsync(ResetType.PowerCycle, Cancel));

        Assert.Contains("does not allow reset type PowerCycle", error.Message, StringComparison.Ordinal);
        Assert.Contains("On, ForceOff, GracefulShutdown, GracefulRestart, ForceRestart", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bmc.Requests, r => r.Method == "POST" && r.Path == bmc.ResetTarget);
    }

    [Fact]
    public async Task A_link_to_another_host_is_not_followed_with_the_credentials()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        bmc.ResetTarget = "https://127.0.0.2:9/redfish/v1/Systems/1/Actions/ComputerSystem.Reset";
        await using var client = new RedfishClient(Endpoint(bmc));

        var error = await Assert.ThrowsAsync<RedfishException>(() => client.ResetAsync(ResetType.On, Cancel));

        Assert.Contains("another host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_one_time_PXE_boot_sets_the_override_once_with_the_systems_ETag()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc));
        var etag = bmc.SystemETag;

        await client.SetOneTimeBootAsync(BootTarget.Pxe, Cancel);

        Assert.Equal(("Pxe", "Once"), (bmc.BootSourceOverrideTarget, bmc.BootSourceOverrideEnabled));
        var patch = Assert.Single(bmc.Requests, r => r.Method == "PATCH");
        Assert.Equal(etag, patch.IfMatch);
    }

    [Fact]
    public async Task A_boot_target_the_BMC_does_not_list_is_refused_with_the_ones_it_does()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc));

        var error = await Assert.ThrowsAsync<RedfishException>(() => client.SetOneTimeBootAsync(BootTarget.UsbCd, Cancel));

        Assert.Contains("does not allow boot target UsbCd", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pxe, Cd, Hdd", error.Message, StringComparison.Ordinal);
        Assert.Equal("None", bmc.BootSourceOverrideTarget);
    }

    [Fact]
    public async Task Inserting_virtual_media_mounts_the_image_in_the_CD_drive_not_the_floppy()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc));
        var image = new Uri("http://images.example/writer/portal-writer.iso");

        await client.InsertVirtualMediaAsync(image, Cancel);

        Assert.Equal((image.AbsoluteUri, true), (bmc.CdImage, bmc.CdInserted));
        Assert.DoesNotContain(bmc.Requests, r => r.Path.StartsWith(FakeBmc.FloppyPath + "/Actions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inserting_the_image_that_is_already_inserted_changes_nothing()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc));
        var image = new Uri("http://images.example/writer/portal-writer.iso");

        await client.InsertVirtualMediaAsync(image, Cancel);
        await client.InsertVirtualMediaAsync(image, Cancel);

        Assert.Single(bmc.Requests, r => r.Path.EndsWith("VirtualMedia.InsertMedia", StringComparison.Ordinal));
        Assert.DoesNotContain(bmc.Requests, r => r.Path.EndsWith("VirtualMedia.EjectMedia", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inserting_another_image_ejects_the_first()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc));

        await client.InsertVirtualMediaAsync(new Uri("http://images.example/old.iso"), Cancel);
        await client.InsertVirtualMediaAsync(new Uri("http://images.example/new.iso"), Cancel);

        Assert.Equal("http://images.example/new.iso", bmc.CdImage);
    }

    [Fact]
    public async Task Ejecting_virtual_media_empties_the_CD_drive()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc));
        await client.InsertVirtualMediaAsync(new Uri("http://images.example/writer.iso"), Cancel);

        await client.EjectVirtualMediaAsync(Cancel);

        Assert.Equal((string.Empty, false), (bmc.CdImage, bmc.CdInserted));
    }

    [Fact]
    public async Task A_session_is_opened_once_used_by_token_and_deleted_on_dispose()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        var client = new RedfishClient(Endpoint(bmc));
        await client.GetPowerStateAsync(Cancel);
        await client.ResetAsync(ResetType.On, Cancel);
        var session = Assert.Single(bmc.ActiveSessions);

        await client.DisposeAsync();

        Assert.Equal(1, bmc.Logins);
        Assert.All(bmc.Requests.Where(r => r.Path.StartsWith("/redfish/v1/Systems", StringComparison.Ordinal)), r =>
        {
            Assert.NotNull(r.AuthToken);
            Assert.Null(r.Authorization);
        });
        Assert.Equal([session], bmc.DeletedSessions);
        Assert.Empty(bmc.ActiveSessions);
    }

    [Fact]
    public async Task An_expired_session_is_renewed_once_and_the_request_repeated()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc));
        await client.GetPowerStateAsync(Cancel);
        bmc.ExpireSessions();

        await client.ResetAsync(ResetType.On, Cancel);

        Assert.Equal("On", bmc.PowerState);
        Assert.Equal(2, bmc.Logins);
    }

    [Fact]
    public async Task Basic_auth_sends_the_credentials_on_each_request_and_opens_no_session()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using (var client = new RedfishClient(Endpoint(bmc, RedfishAuth.Basic)))
        {
            await client.ResetAsync(ResetType.On, Cancel);
        }

        Assert.Equal("On", bmc.PowerState);
        Assert.Equal(0, bmc.Logins);
        Assert.All(bmc.Requests.Where(r => r.Path != "/redfish/v1"), r => Assert.StartsWith("Basic ", r.Authorization, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RedfishAuth.Session)]
    [InlineData(RedfishAuth.Basic)]
    public async Task A_wrong_password_is_a_clear_error_that_never_shows_the_password(RedfishAuth auth)
    {
        const string wrong = "hunter2-wrong-Pa55";
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        bmc.EchoCredentialsInErrors = true;
        await using var client = new RedfishClient(Endpoint(bmc, auth, wrong));

        var error = await Assert.ThrowsAsync<RedfishException>(() => client.GetPowerStateAsync(Cancel));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains(bmc.Requests, r => r.Body.Contains(wrong, StringComparison.Ordinal) || r.Authorization is not null);
        Assert.DoesNotContain(wrong, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, string.Join(" ", error.BmcMessages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_matching_the_pin_is_accepted_even_though_it_is_self_signed()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc) with { CertificateSha256 = PinWithColons(TestCertificates.Sha256Of(TestCertificates.SelfSigned)) });

        Assert.Equal(PowerState.Off, await client.GetPowerStateAsync(Cancel));
    }

    [Fact]
    public async Task A_certificate_that_does_not_match_the_pin_is_refused_before_any_request()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        var otherPin = new string('a', 64);
        await using var client = new RedfishClient(Endpoint(bmc) with { CertificateSha256 = otherPin });

        var error = await Assert.ThrowsAsync<RedfishException>(() => client.GetPowerStateAsync(Cancel));

        Assert.Contains($"not the pinned {otherPin}", error.Message, StringComparison.Ordinal);
        Assert.Contains(TestCertificates.Sha256Of(TestCertificates.SelfSigned), error.Message, StringComparison.Ordinal);
        Assert.Empty(bmc.Requests);
    }

    [Fact]
    public async Task Without_a_pin_a_self_signed_certificate_is_refused_by_normal_validation()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc) with { CertificateSha256 = null });

        var error = await Assert.ThrowsAsync<RedfishException>(() => client.GetPowerStateAsync(Cancel));

        Assert.Contains("does not trust", error.Message, StringComparison.Ordinal);
        Assert.Contains($"CertificateSha256 = {TestCertificates.Sha256Of(TestCertificates.SelfSigned)}", error.Message, StringComparison.Ordinal);
        Assert.Empty(bmc.Requests);
    }

    [Fact]
    public void An_endpoint_prints_without_its_password()
    {
        var endpoint = new RedfishEndpoint
        {
            BaseUri = new Uri("https://10.0.0.21"),
            UserName = "root",
            Password = new SecretValue(FakeBmc.Password),
        };

        Assert.DoesNotContain(FakeBmc.Password, endpoint.ToString(), StringComparison.Ordinal);
        Assert.Contains(SecretValue.Mask, endpoint.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_http_BMC_address_is_refused()
    {
        var endpoint = new RedfishEndpoint
        {
            BaseUri = new Uri("http://10.0.0.21"),
            UserName = "root",
            Password = new SecretValue(FakeBmc.Password),
        };

        Assert.Contains(endpoint.Validate("bmc"), e => e.Field == "bmc.baseUri");
    }

    private static string PinWithColons(string hex) =>
        string.Join(":", Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2).ToUpperInvariant()));
}
