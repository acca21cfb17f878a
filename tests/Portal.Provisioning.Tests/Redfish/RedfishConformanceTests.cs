using System.Net;
using System.Text.Json.Nodes;
using Portal.Domain.Library;
using Portal.Provisioning.Redfish;

namespace Portal.Provisioning.Tests.Redfish;

/// <summary>
/// The client against BMCs that differ the ways the Redfish specification allows: virtual media by PATCH
/// (DMTF's example shape) or by actions with an ActionInfo, changes answered 202 with a task monitor, a stale
/// ETag, paged collections, several systems, and the refusal of "On" for a system that is on. Each test checks
/// the requests the BMC received and the state it ends in.
/// </summary>
public sealed class RedfishConformanceTests
{
    private static readonly Uri Image = new("https://images.example/writer/portal-writer.iso");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static RedfishEndpoint Endpoint(FakeBmc bmc, string path = "") => new()
    {
        BaseUri = new Uri(bmc.BaseUri, path),
        UserName = FakeBmc.UserName,
        Password = new SecretValue(FakeBmc.Password),
        CertificateSha256 = TestCertificates.Sha256Of(TestCertificates.SelfSigned),
    };

    private static JsonObject Body(RecordedRequest request) => JsonNode.Parse(request.Body)!.AsObject();

    private static IReadOnlyList<RecordedRequest> Changes(FakeBmc bmc) => [.. bmc.Requests.Where(r => r.Method is "PATCH" or "POST" && r.Path != FakeBmc.SessionsPath)];

    [Fact]
    public async Task On_a_BMC_with_only_the_PATCH_form_the_CD_is_inserted_by_a_PATCH_of_Image_Inserted_and_WriteProtected_after_one_412_through_a_task()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, FakeBmcVariant.PatchTasksPaged);
        await using var client = new RedfishClient(Endpoint(bmc));
        var firstETag = bmc.MediaETag;

        await client.InsertVirtualMediaAsync(Image, Cancel);

        Assert.Equal((Image.AbsoluteUri, true, true), (bmc.CdImage, bmc.CdInserted, bmc.CdWriteProtected));
        var patches = Changes(bmc);
        Assert.All(patches, p => Assert.Equal(("PATCH", FakeBmc.CdPath), (p.Method, p.Path)));
        Assert.Equal(2, patches.Count);
        Assert.Equal(firstETag, patches[0].IfMatch);
        Assert.NotEqual(firstETag, patches[1].IfMatch);
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["Image"] = Image.AbsoluteUri, ["Inserted"] = true, ["WriteProtected"] = true }, Body(patches[1])), patches[1].Body);

        // The CD is on the collection's second page; the 202 was followed through its task monitor to the end.
        Assert.Contains(bmc.Requests, r => r is { Method: "GET", Path: "/redfish/v1/Managers/1/VirtualMedia", Query: "?$skip=1" });
        Assert.Equal(2, bmc.Requests.Count(r => r.Method == "GET" && r.Path.StartsWith(FakeBmc.TaskMonitorsPath, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task On_a_BMC_with_only_the_PATCH_form_ejecting_PATCHes_Image_to_null_and_Inserted_to_false()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, FakeBmcVariant.PatchTasksPaged);
        await using var client = new RedfishClient(Endpoint(bmc));
        await client.InsertVirtualMediaAsync(Image, Cancel);

        await client.EjectVirtualMediaAsync(Cancel);

        Assert.Equal((string.Empty, false), (bmc.CdImage, bmc.CdInserted));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["Image"] = null, ["Inserted"] = false }, Body(Changes(bmc)[^1])), Changes(bmc)[^1].Body);
    }

    [Fact]
    public async Task A_BMC_whose_media_has_no_Inserted_or_WriteProtected_property_gets_a_PATCH_of_Image_alone()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, new FakeBmcVariant { Media = FakeVirtualMediaForm.PatchImageOnly });
        await using var client = new RedfishClient(Endpoint(bmc));

        await client.InsertVirtualMediaAsync(Image, Cancel);
        await client.EjectVirtualMediaAsync(Cancel);

        var patches = Changes(bmc);
        Assert.Equal(2, patches.Count);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["Image"] = Image.AbsoluteUri }, Body(patches[0])), patches[0].Body);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["Image"] = null }, Body(patches[1])), patches[1].Body);
        Assert.Equal(string.Empty, bmc.CdImage);
    }

    [Fact]
    public async Task On_a_BMC_with_actions_the_CD_is_inserted_by_InsertMedia_with_what_the_resource_has()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc));

        await client.InsertVirtualMediaAsync(Image, Cancel);

        var insert = Assert.Single(Changes(bmc));
        Assert.Equal(("POST", FakeBmc.CdPath + "/Actions/VirtualMedia.InsertMedia"), (insert.Method, insert.Path));
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["Image"] = Image.AbsoluteUri, ["Inserted"] = true, ["WriteProtected"] = true }, Body(insert)), insert.Body);
        Assert.Equal((Image.AbsoluteUri, true), (bmc.CdImage, bmc.CdInserted));
    }

    [Fact]
    public async Task InsertMedia_sends_only_the_parameters_its_ActionInfo_lists()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, new FakeBmcVariant { InsertMediaActionInfo = true });
        await using var client = new RedfishClient(Endpoint(bmc));

        await client.InsertVirtualMediaAsync(Image, Cancel);

        var insert = Assert.Single(Changes(bmc));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["Image"] = Image.AbsoluteUri, ["Inserted"] = true }, Body(insert)), insert.Body);
        Assert.Contains(bmc.Requests, r => r is { Method: "GET" } && r.Path == FakeBmc.CdPath + "/InsertMediaActionInfo");
        Assert.Equal((Image.AbsoluteUri, true), (bmc.CdImage, bmc.CdInserted));
    }

    [Fact]
    public async Task The_BMC_refuses_On_for_a_system_that_is_on_so_powering_on_reads_the_state_and_sends_nothing()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        bmc.PowerState = "On";
        await using var client = new RedfishClient(Endpoint(bmc));

        var refused = await Assert.ThrowsAsync<RedfishException>(() => client.ResetAsync(ResetType.On, Cancel));
        var sent = await client.PowerOnAsync(Cancel);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.False(sent);
        Assert.Single(Changes(bmc));
        Assert.Equal("On", bmc.PowerState);
    }

    [Fact]
    public async Task Powering_off_a_system_that_is_off_sends_nothing_and_one_that_is_on_gets_ForceOff()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc));

        var whenOff = await client.PowerOffAsync(Cancel);
        bmc.PowerState = "On";
        var whenOn = await client.PowerOffAsync(Cancel);

        Assert.Equal((false, true), (whenOff, whenOn));
        var reset = Assert.Single(Changes(bmc));
        Assert.Equal("ForceOff", (string?)Body(reset)["ResetType"]);
        Assert.Equal("Off", bmc.PowerState);
    }

    [Fact]
    public async Task A_restart_where_the_ActionInfo_has_no_ForceRestart_uses_PowerCycle()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, new FakeBmcVariant { ResetActionInfo = true });
        bmc.AllowedResetTypes = ["On", "ForceOff", "PowerCycle"];
        bmc.PowerState = "On";
        await using var client = new RedfishClient(Endpoint(bmc));

        await client.RestartAsync(Cancel);

        Assert.Equal(["PowerCycle"], Changes(bmc).Select(r => (string?)Body(r)["ResetType"]));
        Assert.Contains(bmc.Requests, r => r.Method == "GET" && r.Path == bmc.SystemPath + "/ResetActionInfo");
    }

    [Fact]
    public async Task A_restart_where_neither_ForceRestart_nor_PowerCycle_is_allowed_is_ForceOff_then_On()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, new FakeBmcVariant { ResetActionInfo = true });
        bmc.AllowedResetTypes = ["On", "ForceOff", "GracefulShutdown"];
        bmc.PowerState = "On";
        await using var client = new RedfishClient(Endpoint(bmc));

        await client.RestartAsync(Cancel);

        Assert.Equal(["ForceOff", "On"], Changes(bmc).Select(r => (string?)Body(r)["ResetType"]));
        Assert.Equal("On", bmc.PowerState);
    }

    [Fact]
    public async Task A_restart_of_a_system_that_is_off_switches_it_on()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned);
        await using var client = new RedfishClient(Endpoint(bmc));

        await client.RestartAsync(Cancel);

        Assert.Equal(["On"], Changes(bmc).Select(r => (string?)Body(r)["ResetType"]));
        Assert.Equal("On", bmc.PowerState);
    }

    [Fact]
    public async Task A_reset_accepted_as_a_task_is_followed_until_it_completes_waiting_as_Retry_After_asks()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, new FakeBmcVariant { TaskPolls = 2, RetryAfterSeconds = 1 });
        await using var client = new RedfishClient(Endpoint(bmc));

        await client.PowerOnAsync(Cancel);

        Assert.Equal("On", bmc.PowerState);
        var requests = bmc.Requests;
        var reset = requests.Single(r => r.Method == "POST" && r.Path == bmc.ResetTarget);
        var polls = requests.Where(r => r.Path.StartsWith(FakeBmc.TaskMonitorsPath, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, polls.Count);

        // A lower bound only: the client waited at least the second the BMC asked for before each poll.
        Assert.True(polls[0].At - reset.At >= TimeSpan.FromMilliseconds(900), $"first poll after {(polls[0].At - reset.At).TotalMilliseconds} ms");
        Assert.True(polls[1].At - polls[0].At >= TimeSpan.FromMilliseconds(900), $"second poll after {(polls[1].At - polls[0].At).TotalMilliseconds} ms");
    }

    /// <summary>
    /// The specification's own ending of a task monitor: once the task completes, the monitor answers with the
    /// operation's response (204, or 200 with the changed resource and no TaskState), not with a Task resource.
    /// </summary>
    [Theory]
    [InlineData(nameof(FakeTaskEnding.NoContent), "insert by action")]
    [InlineData(nameof(FakeTaskEnding.NoContent), "insert by PATCH")]
    [InlineData(nameof(FakeTaskEnding.NoContent), "power on")]
    [InlineData(nameof(FakeTaskEnding.NoContent), "power off")]
    [InlineData(nameof(FakeTaskEnding.OperationResource), "insert by action")]
    [InlineData(nameof(FakeTaskEnding.OperationResource), "insert by PATCH")]
    [InlineData(nameof(FakeTaskEnding.OperationResource), "power on")]
    [InlineData(nameof(FakeTaskEnding.OperationResource), "power off")]
    public async Task A_task_monitor_that_ends_with_the_operations_own_response_completes_the_change(string ending, string operation)
    {
        var variant = new FakeBmcVariant
        {
            TaskPolls = 2,
            TaskEnding = Enum.Parse<FakeTaskEnding>(ending),
            Media = operation == "insert by PATCH" ? FakeVirtualMediaForm.PatchDmtfExample : FakeVirtualMediaForm.Actions,
        };
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, variant);
        await using var client = new RedfishClient(Endpoint(bmc));
        if (operation == "power off")
        {
            bmc.PowerState = "On";
        }

        object after = operation switch
        {
            "power on" => await client.PowerOnAsync(Cancel) ? bmc.PowerState : "nothing sent",
            "power off" => await client.PowerOffAsync(Cancel) ? bmc.PowerState : "nothing sent",
            _ => await InsertAsync(client, bmc),
        };

        Assert.Equal(operation switch { "power on" => "On", "power off" => "Off", _ => (object)(Image.AbsoluteUri, true) }, after);
        Assert.Equal(Changes(bmc).Count, bmc.OperationResponsesServed);
        Assert.Equal(2 * Changes(bmc).Count, bmc.Requests.Count(r => r.Method == "GET" && r.Path.StartsWith(FakeBmc.TaskMonitorsPath, StringComparison.Ordinal)));

        static async Task<object> InsertAsync(RedfishClient client, FakeBmc bmc)
        {
            await client.InsertVirtualMediaAsync(Image, Cancel);
            return (bmc.CdImage, bmc.CdInserted);
        }
    }

    [Theory]
    [InlineData("Exception")]
    [InlineData("Killed")]
    public async Task A_task_that_ends_in_failure_is_an_error_with_the_BMCs_words_and_nothing_changed(string end)
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, new FakeBmcVariant { TaskPolls = 1, TaskEnd = end });
        await using var client = new RedfishClient(Endpoint(bmc));

        var error = await Assert.ThrowsAsync<RedfishException>(() => client.PowerOnAsync(Cancel));

        Assert.Contains($"task ended {end}", error.Message, StringComparison.Ordinal);
        if (end == "Exception")
        {
            Assert.Contains("internal service error", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("Off", bmc.PowerState);
    }

    [Fact]
    public async Task A_task_that_never_ends_is_given_up_after_the_task_timeout()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, new FakeBmcVariant { TaskPolls = 1, TaskEnd = null });
        await using var client = new RedfishClient(Endpoint(bmc) with { TaskTimeout = TimeSpan.FromSeconds(2) });

        var error = await Assert.ThrowsAsync<RedfishException>(() => client.PowerOnAsync(Cancel));

        Assert.Contains("did not finish POST", error.Message, StringComparison.Ordinal);
        Assert.Contains("within 2 s", error.Message, StringComparison.Ordinal);
        Assert.Contains(bmc.Requests, r => r.Path.StartsWith(FakeBmc.TaskMonitorsPath, StringComparison.Ordinal));
        Assert.Equal("Off", bmc.PowerState);
    }

    [Fact]
    public async Task A_PATCH_answered_412_is_sent_again_once_with_the_ETag_of_a_fresh_read()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, new FakeBmcVariant { StaleETagOnce = true });
        await using var client = new RedfishClient(Endpoint(bmc));
        var readETag = bmc.SystemETag;

        await client.SetOneTimeBootAsync(BootTarget.Pxe, Cancel);

        var patches = bmc.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(2, patches.Count);
        Assert.Equal(readETag, patches[0].IfMatch);
        var between = bmc.Requests.SkipWhile(r => r != patches[0]).Skip(1).TakeWhile(r => r != patches[1]).ToList();
        Assert.Contains(between, r => r.Method == "GET" && r.Path == bmc.SystemPath);
        Assert.NotEqual(readETag, patches[1].IfMatch);
        Assert.Equal(("Pxe", "Once"), (bmc.BootSourceOverrideTarget, bmc.BootSourceOverrideEnabled));
    }

    [Fact]
    public async Task A_BMC_with_several_systems_and_none_chosen_is_an_error_naming_them_all()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, new FakeBmcVariant { SystemId = "2", OtherSystemIds = ["1", "3"], PageSize = 1 });
        await using var client = new RedfishClient(Endpoint(bmc));

        var error = await Assert.ThrowsAsync<RedfishException>(() => client.PowerOnAsync(Cancel));

        Assert.Contains("several systems (1, 2, 3)", error.Message, StringComparison.Ordinal);
        Assert.Contains("/redfish/v1/Systems/1", error.Message, StringComparison.Ordinal);
        Assert.Empty(Changes(bmc));
    }

    [Fact]
    public async Task The_system_named_by_the_BMC_address_is_found_on_a_later_page_and_is_the_only_one_touched()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, new FakeBmcVariant { SystemId = "3", OtherSystemIds = ["1", "2"], PageSize = 1 });
        await using var client = new RedfishClient(Endpoint(bmc, "/redfish/v1/Systems/3"));

        await client.PowerOnAsync(Cancel);

        Assert.Equal("On", bmc.PowerState);
        Assert.Contains(bmc.Requests, r => r is { Path: "/redfish/v1/Systems", Query: "?$skip=2" });
        Assert.Equal([bmc.ResetTarget], Changes(bmc).Select(r => r.Path));
        Assert.DoesNotContain(bmc.Requests, r => r.Path.StartsWith("/redfish/v1/Systems/1", StringComparison.Ordinal) || r.Path.StartsWith("/redfish/v1/Systems/2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_system_the_BMC_address_names_but_the_BMC_lacks_is_an_error_with_the_ones_it_has()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, new FakeBmcVariant { SystemId = "1", OtherSystemIds = ["2"] });
        await using var client = new RedfishClient(Endpoint(bmc, "/redfish/v1/Systems/7"));

        var error = await Assert.ThrowsAsync<RedfishException>(() => client.GetPowerStateAsync(Cancel));

        Assert.Contains("no system 7; it has 1, 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_ManagedBy_link_the_manager_is_found_through_the_paged_Managers_collection()
    {
        await using var bmc = await FakeBmc.StartAsync(TestCertificates.SelfSigned, new FakeBmcVariant { NoManagedByLink = true, PageSize = 1, Media = FakeVirtualMediaForm.PatchDmtfExample });
        await using var client = new RedfishClient(Endpoint(bmc));

        await client.InsertVirtualMediaAsync(Image, Cancel);

        Assert.Contains(bmc.Requests, r => r is { Method: "GET", Path: "/redfish/v1/Managers" });
        Assert.Equal((Image.AbsoluteUri, true), (bmc.CdImage, bmc.CdInserted));
    }

    [Fact]
    public void An_address_that_is_neither_the_BMC_nor_one_of_its_systems_is_refused()
    {
        var endpoint = new RedfishEndpoint { BaseUri = new Uri("https://10.0.0.21/redfish/v1/Managers/1"), UserName = "root", Password = new SecretValue("x") };

        Assert.Contains(endpoint.Validate("bmc"), e => e.Field == "bmc.baseUri");
        Assert.Equal("2", (endpoint with { BaseUri = new Uri("https://10.0.0.21/redfish/v1/Systems/2/") }).ChosenSystemId);
    }
}
