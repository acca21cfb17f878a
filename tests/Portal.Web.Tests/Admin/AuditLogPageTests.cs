using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Audit;
using Portal.Domain.Security;
using Portal.Web.Admin.Audit;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Admin;

/// <summary>Admin › Audit log under bUnit on a running portal: filters come from and go to the address, the export follows them.</summary>
public sealed class AuditLogPageTests(ProvisioningPortal portal) : ProvisioningPagesTestContext(portal), IClassFixture<ProvisioningPortal>
{
    private async Task<string> RecordTokensAsync()
    {
        var marker = "page-" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = Portal.Factory.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        await audit.RecordAsync(AuditEntry.TokenCreated(marker, marker + "-created", null), Token);
        await audit.RecordAsync(AuditEntry.TokenRevoked(marker, marker + "-revoked"), Token);
        return marker;
    }

    private IRenderedComponent<AuditLogPage> Open(string address)
    {
        Auth.SetAuthorized("admin@portal.local").SetRoles(PortalRoles.Admin);
        Render<MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<AuditLogPage>();
    }

    [Fact]
    public async Task An_action_in_the_address_filters_the_records_and_the_export_link()
    {
        var marker = await RecordTokensAsync();

        var page = Open("/admin/audit?action=TokenRevoked&actor=portal");

        page.WaitForAssertion(() => Assert.Contains(marker + "-revoked", page.Find("[data-testid=audit-events]").TextContent, StringComparison.Ordinal), Patience);
        Assert.DoesNotContain(marker + "-created", page.Find("[data-testid=audit-events]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/api/audit.csv?actor=portal&action=TokenRevoked", page.Find("[data-testid=audit-export]").GetAttribute("href"));
    }

    [Fact]
    public async Task Typing_an_actor_puts_it_in_the_address_and_in_the_export_link()
    {
        var marker = await RecordTokensAsync();
        var page = Open("/admin/audit");
        page.WaitForAssertion(() => Assert.Contains(marker + "-created", page.Find("[data-testid=audit-events]").TextContent, StringComparison.Ordinal), Patience);

        page.Find("input[data-testid=audit-actor]").Input("nobody-did-this");

        page.WaitForAssertion(() => Assert.Contains("actor=nobody-did-this", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal), Patience);
        page.WaitForAssertion(() => Assert.DoesNotContain(marker, page.Find("[data-testid=audit-events]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("/api/audit.csv?actor=nobody-did-this", page.Find("[data-testid=audit-export]").GetAttribute("href"));
    }
}
