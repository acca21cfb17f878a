using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Portal.Data;
using Portal.Data.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Quotas;
using Portal.Domain.Requests;
using Portal.Domain.Security;
using Portal.Domain.Validation;
using Portal.Provisioning.Quotas;
using Portal.Provisioning.Requests;
using Portal.Web.Quotas;
using Portal.Web.Tests.Catalog;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Quotas;

/// <summary>Quotas on the pages: the wizard shows an over-quota refusal on the field that asked too much, and an admin sets a role's quota on Admin › Quotas.</summary>
public sealed class QuotaPagesTests(ProvisioningPortal portal) : WizardTestContext(portal), IClassFixture<ProvisioningPortal>
{
    private const string Requester = "requester@portal.local";

    [Fact]
    public async Task The_wizard_shows_an_over_quota_refusal_on_the_cpu_size_with_the_numbers_and_the_panel_what_is_held()
    {
        await WithAsync<QuotaPolicy, ValidationResult<QuotaDefinition?>>(quotas => quotas.SetAsync(QuotaSubject.User(Requester), new QuotaLimits(Vcpus: 6), "test", Token));
        // The Ubuntu image's default size is 4 vCPU: one server of it leaves 2 of 6.
        var held = await WithAsync<RequestSubmission, ValidationResult<ServerRequest>>(submission => submission.SubmitAsync(new ServerRequestOrder
        {
            ImageId = ProvisioningPortal.Ubuntu,
            HostnamePattern = "quota-wiz-held",
            Parameters = new Dictionary<string, string?> { ["adminPassword"] = ProvisioningPortal.Secret },
            Justification = "A server that holds most of the quota.",
            RequestedBy = Requester,
        }, Token));
        Assert.True(held.IsValid, string.Join("; ", held.Errors.Select(e => e.Message)));
        SignInAsRequester();
        var page = RenderWizard();
        ToDetails(page);
        FillDetails(page, "quota-wiz-01");

        page.Find("[data-testid=wizard-next]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("You have 4 of 6 vCPU; this request needs 4.", ErrorOf(page, "size-Processor"), StringComparison.Ordinal), Patience);
        Assert.NotEmpty(page.FindAll("[data-testid=step-size]"));
        Assert.Contains("4 of 6", page.Find("[data-testid=quota-Vcpus]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sets_a_roles_quota_on_the_quotas_page_and_it_is_audited_once()
    {
        Auth.SetAuthorized("admin@portal.local").SetRoles(PortalRoles.Admin);
        Render<MudPopoverProvider>();
        var page = Render<QuotasPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=edit-role-Approver]")), Patience);

        page.Find("[data-testid=edit-role-Approver]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=quota-editor]")), Patience);
        page.Find("[data-testid=max-vcpus] input, input[data-testid=max-vcpus]").Change("24");
        page.Find("[data-testid=save-quota]").Click();

        page.WaitForAssertion(() => Assert.Contains("24", page.Find("[data-testid=role-quota-Approver]").TextContent, StringComparison.Ordinal), Patience);
        var saved = await WithAsync<IQuotaStore, QuotaDefinition?>(store => store.FindAsync(QuotaSubject.Role(PortalRoles.Approver), Token));
        Assert.Equal(new QuotaLimits(Vcpus: 24), saved?.Limits);
        var records = await WithAsync<PortalDbContext, List<AuditEventRecord>>(db => db.Set<AuditEventRecord>().AsNoTracking()
            .Where(r => r.Action == AuditAction.QuotaChanged && r.TargetId == "role Approver").ToListAsync(Token));
        Assert.Single(records);
    }
}
