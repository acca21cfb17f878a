using AngleSharp.Dom;
using Bunit;
using Portal.Domain.Inventory;
using Portal.Domain.Leases;
using Portal.Domain.Library;
using Portal.Domain.Requests;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Leases;
using Portal.Provisioning.Requests;
using Portal.Web.Leases;
using Portal.Web.Provisioning.Servers;
using Portal.Web.Tests.Provisioning;
using Portal.Web.Tests.Requests;

namespace Portal.Web.Tests.Leases;

/// <summary>The lease on My servers (with its Extend button) and the admins' "expires this week", under bUnit on a running portal.</summary>
public sealed class LeasePagesTests(ProvisioningPortal portal) : RequestPagesTestContext(portal), IClassFixture<ProvisioningPortal>
{
    [Fact]
    public async Task The_owner_sees_when_the_lease_ends_and_extends_it_from_My_servers()
    {
        var request = await LeasedAsync("riya.lease@portal.local", "lease-page-01", leaseDays: 12);
        var serverId = (await WithAsync<IDeploymentStore, Portal.Domain.Deployments.DeployedServer?>(d => d.FindServerByDeploymentAsync(request.DeploymentIds[0], Token)))!.Id;
        SignInAsRequester("riya.lease@portal.local");
        var (dialogs, snackbars) = RenderProviders();
        var page = Render<MyServersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=server-lease]")), Patience);
        var before = (await LeaseAsync(serverId)).EndsAt!.Value;

        Assert.Contains("Ends in 12 days", LeaseCell(page).QuerySelector("[data-testid=lease-ends]")!.TextContent, StringComparison.Ordinal);
        LeaseCell(page).QuerySelector("[data-testid=extend-lease]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("lease-page-01", dialogs.Find("[data-testid=extend-lease-dialog]").TextContent, StringComparison.Ordinal), Patience);
        dialogs.Find("[data-testid=extend-submit]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("The lease of lease-page-01 now ends", snackbars.Markup, StringComparison.Ordinal), Patience);
        Assert.Equal(before + TimeSpan.FromDays(7), (await LeaseAsync(serverId)).EndsAt);
        page.WaitForAssertion(() => Assert.Contains("Ends in 19 days", LeaseCell(page).QuerySelector("[data-testid=lease-ends]")!.TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task Admins_see_what_expires_this_week_with_owner_end_and_state_but_not_what_ends_later()
    {
        await LeasedAsync("riya.week@portal.local", "lease-week-01", leaseDays: 3);
        await LeasedAsync("riya.week@portal.local", "lease-later-01", leaseDays: 40);
        SignInAsAdmin();
        RenderProviders();

        var page = Render<LeasesPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=expiring-server]")), Patience);
        var row = page.FindAll("[data-testid=expiring-leases] tbody tr").Single(r => r.TextContent.Contains("lease-week-01", StringComparison.Ordinal));
        Assert.Equal("riya.week@portal.local", row.QuerySelector("[data-testid=expiring-owner]")!.TextContent.Trim());
        Assert.Equal("in 3 days", row.QuerySelector("[data-testid=expiring-ends]")!.TextContent.Trim());
        Assert.Equal("Ending soon", row.QuerySelector("[data-testid=expiring-state]")!.TextContent.Trim());
        Assert.DoesNotContain("lease-later-01", page.Find("[data-testid=expiring-leases]").TextContent, StringComparison.Ordinal);
    }

    private static IElement LeaseCell(IRenderedComponent<MyServersPage> page) =>
        page.FindAll("[data-testid=servers] tbody tr").Single(r => r.TextContent.Contains("lease-page-01", StringComparison.Ordinal)).QuerySelector("[data-testid=server-lease]")!;

    private async Task<ServerLease> LeaseAsync(Guid serverId) =>
        (await WithAsync<LeaseBook, ServerLease?>(book => book.ForServerAsync(serverId, Token)))!;

    /// <summary>A completed request of one virtual server with the lease asked for.</summary>
    private async Task<ServerRequest> LeasedAsync(string requestedBy, string hostname, int leaseDays)
    {
        var submitted = await WithAsync<RequestSubmission, ValidationResult<ServerRequest>>(submission => submission.SubmitAsync(new ServerRequestOrder
        {
            ImageId = ProvisioningPortal.Ubuntu,
            Placement = Placement.Virtual,
            PlatformId = ProvisioningPortal.SimulatedVirtual,
            Hardware = new Dictionary<ResourceType, decimal> { [ResourceType.Processor] = 2, [ResourceType.Memory] = 4 },
            Parameters = new Dictionary<string, string?> { ["adminPassword"] = ProvisioningPortal.Secret },
            HostnamePattern = hostname,
            Justification = "A server to see its lease on the pages.",
            LeaseDays = leaseDays,
            RequestedBy = requestedBy,
        }, Token));
        Assert.True(submitted.IsValid, string.Join("; ", submitted.Errors.Select(e => $"{e.Field}: {e.Message}")));
        await DecideAsync(submitted.Value.Id, "Approved");
        var done = await WaitForRequestAsync(submitted.Value.Id, RequestStatus.Completed);
        var server = (await WithAsync<IDeploymentStore, Portal.Domain.Deployments.DeployedServer?>(d => d.FindServerByDeploymentAsync(done.DeploymentIds[0], Token)))!;
        Assert.NotNull(await WithAsync<LeaseBook, ServerLease?>(book => book.ForServerAsync(server.Id, Token)));
        return done;
    }
}
