using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Audit;
using Portal.Data.Library;
using Portal.Domain.Audit;
using Portal.Domain.Library;
using Portal.Web.Tests.Account;
using Portal.Web.Tests.Provisioning;
using static Portal.Web.Tests.Requests.RequestClients;

namespace Portal.Web.Tests.Admin;

/// <summary>
/// Every audited action, driven through the real API or service, writes exactly one record naming who, from where and
/// what; refused actions write none; no secret reaches the log; admins alone read it, and its CSV is safe to open.
/// </summary>
public sealed class AuditLogTests(ProvisioningPortal portal) : IClassFixture<ProvisioningPortal>
{
    private const string BmcPassword = "idrac-Audit-Secret-7";
    private const string NewBmcPassword = "idrac-Audit-Changed-8";
    private static readonly Guid RackPool = Guid.Parse("9a1e0000-0000-4000-8000-000000000001");
    private static readonly Guid KvmCluster = Guid.Parse("9a1e0000-0000-4000-8000-000000000003");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<List<AuditEventRecord>> RecordsAsync(AuditAction action, string targetId)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEvents.AsNoTracking().Where(e => e.Action == action && e.TargetId == targetId).ToListAsync(Token);
    }

    private async Task<AuditEventRecord> SingleAsync(AuditAction action, string targetId)
    {
        var records = await RecordsAsync(action, targetId);
        Assert.True(records.Count == 1, $"Expected exactly one {action} record for {targetId}, found {records.Count}.");
        return records[0];
    }

    private static object Server(string name, string? password) => new
    {
        name, platformId = RackPool, cpuCores = 24, memoryGiB = 192, disksGiB = new[] { 960 },
        nics = new[] { new { name = "eno1", macAddress = "b8:ca:3a:77:00:01", speedMbps = 25000 } },
        rack = "B07", bmcAddress = $"https://{name}-idrac.lab", bmcUserName = "portal", bmcPassword = password,
    };

    private static object Host(string name, int cpus) => new
    {
        name, platformId = KvmCluster, connection = $"qemu+ssh://{name}/system", physicalCpus = cpus, overcommitRatio = 2,
        memoryGiB = 512, storageGiB = 10000, acceptedFormats = new[] { "Qcow2" },
    };

    [Fact]
    public async Task Submitting_approving_and_rejecting_write_one_record_each_naming_the_person_and_address()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");

        var approvedId = (string)(await SubmitAsync(requester, VirtualRequest("audit-ok-01")))["id"]!;
        var submitted = await SingleAsync(AuditAction.RequestSubmitted, approvedId);
        var task = await TaskOfAsync(approver, approvedId);
        using (var decided = await DecideAsync(approver, task, "Approved"))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        using (var again = await DecideAsync(approver, task, "Approved"))
        {
            Assert.NotEqual(HttpStatusCode.OK, again.StatusCode);
        }

        var rejectedId = (string)(await SubmitAsync(requester, VirtualRequest("audit-no-01")))["id"]!;
        using (var bare = await DecideAsync(approver, await TaskOfAsync(approver, rejectedId), "Rejected"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        }

        using (await DecideAsync(approver, await TaskOfAsync(approver, rejectedId), "Rejected", "Use the shared pool."))
        {
        }

        var approved = await SingleAsync(AuditAction.RequestApproved, approvedId);
        var rejected = await SingleAsync(AuditAction.RequestRejected, rejectedId);
        Assert.Empty(await RecordsAsync(AuditAction.RequestRejected, approvedId));
        Assert.Equal(("requester@portal.local", "approver@portal.local", "approver@portal.local"), (submitted.ActorName, approved.ActorName, rejected.ActorName));
        Assert.False(string.IsNullOrEmpty(submitted.ActorUserId), "the actor's user id is recorded");
        Assert.Contains("audit-ok-01", submitted.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawing_a_request_writes_one_record_and_a_refused_second_withdrawal_none()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        var id = (string)(await SubmitAsync(requester, VirtualRequest("audit-withdrawn-01")))["id"]!;

        using var first = await requester.PostAsync($"/api/requests/{id}/cancel", null, Token);
        using var second = await requester.PostAsync($"/api/requests/{id}/cancel", null, Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("requester@portal.local", (await SingleAsync(AuditAction.RequestCancelled, id)).ActorName);
    }

    [Fact]
    public async Task Publishing_a_workflow_writes_one_record_and_a_refused_publish_none()
    {
        const string id = "audit-counting";
        var json = $$"""
            { "schemaVersion": 1, "id": "{{id}}", "name": "Audit counting",
              "activities": [ { "id": "start", "type": "Start" }, { "id": "end", "type": "End" } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "end" } ] }
            """;
        using var draft = await portal.Admin.PutAsync($"/api/workflows/{id}/draft", new StringContent(json, Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);

        using var published = await portal.Admin.PostAsync($"/api/workflows/{id}/publish", null, Token);
        using var nothingLeft = await portal.Admin.PostAsync($"/api/workflows/{id}/publish", null, Token);

        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync(Token));
        Assert.NotEqual(HttpStatusCode.OK, nothingLeft.StatusCode);
        var record = await SingleAsync(AuditAction.WorkflowPublished, id);
        Assert.Equal(("admin@portal.local", "Audit counting"), (record.ActorName, record.TargetName));
    }

    [Fact]
    public async Task Every_inventory_change_writes_one_record_and_a_refused_one_none()
    {
        using var created = await portal.Admin.PostAsJsonAsync("/api/inventory/servers", Server("audit-r660", BmcPassword), Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var server = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;
        using var duplicate = await portal.Admin.PostAsJsonAsync("/api/inventory/servers", Server("audit-r660", BmcPassword), Token);
        Assert.Single(await RecordsAsync(AuditAction.InventoryChanged, server));

        using var edited = await portal.Admin.PutAsJsonAsync($"/api/inventory/servers/{server}", Server("audit-r660", NewBmcPassword), Token);
        Assert.Equal(2, (await RecordsAsync(AuditAction.InventoryChanged, server)).Count);
        using var into = await portal.Admin.PostAsync($"/api/inventory/servers/{server}/maintenance", null, Token);
        Assert.Equal(3, (await RecordsAsync(AuditAction.InventoryChanged, server)).Count);
        using var outOf = await portal.Admin.DeleteAsync($"/api/inventory/servers/{server}/maintenance", Token);
        using var notInMaintenance = await portal.Admin.DeleteAsync($"/api/inventory/servers/{server}/maintenance", Token);
        Assert.Equal(4, (await RecordsAsync(AuditAction.InventoryChanged, server)).Count);
        using var removed = await portal.Admin.DeleteAsync($"/api/inventory/servers/{server}", Token);
        Assert.Equal(5, (await RecordsAsync(AuditAction.InventoryChanged, server)).Count);

        using var hostCreated = await portal.Admin.PostAsJsonAsync("/api/inventory/hosts", Host("audit-kvm-01", 32), Token);
        var host = (string)(await hostCreated.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;
        using var hostEdited = await portal.Admin.PutAsJsonAsync($"/api/inventory/hosts/{host}", Host("audit-kvm-01", 64), Token);
        using var hostInto = await portal.Admin.PostAsync($"/api/inventory/hosts/{host}/maintenance", null, Token);
        using var hostOut = await portal.Admin.DeleteAsync($"/api/inventory/hosts/{host}/maintenance", Token);
        using var hostRemoved = await portal.Admin.DeleteAsync($"/api/inventory/hosts/{host}", Token);

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notInMaintenance.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NoContent],
            [edited.StatusCode, into.StatusCode, outOf.StatusCode, removed.StatusCode]);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NoContent],
            [hostCreated.StatusCode, hostEdited.StatusCode, hostInto.StatusCode, hostOut.StatusCode, hostRemoved.StatusCode]);
        Assert.Equal(["Host added to KVM cluster Frankfurt.", "Host edited.", "Host taken into maintenance.", "Host back from maintenance.", "Host removed."],
            (await RecordsAsync(AuditAction.InventoryChanged, host)).OrderBy(r => r.Id).Select(r => r.Detail));
        Assert.All(await RecordsAsync(AuditAction.InventoryChanged, server), r => Assert.Equal("admin@portal.local", r.ActorName));
    }

    [Fact]
    public async Task Creating_and_changing_a_platform_write_one_record_each()
    {
        var platform = new Platform
        {
            Id = Guid.NewGuid(), Name = "Audit cluster", Kind = PlatformKind.Virtual, Technology = PlatformTechnology.Kvm,
            Capabilities = new PlatformCapabilities { DiskFormats = [DiskFormat.Qcow2] },
        };

        foreach (var version in new[] { platform, platform with { Name = "Audit cluster 2" } })
        {
            await using var scope = portal.Factory.Services.CreateAsyncScope();
            Assert.True((await scope.ServiceProvider.GetRequiredService<ImageStore>().SavePlatformAsync(version, Token)).IsValid);
        }

        var records = (await RecordsAsync(AuditAction.PlatformChanged, platform.Id.ToString())).OrderBy(r => r.Id).ToList();
        Assert.Equal(["Audit cluster", "Audit cluster 2"], records.Select(r => r.TargetName));
        Assert.StartsWith("Created", records[0].Detail, StringComparison.Ordinal);
        Assert.StartsWith("Changed", records[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_sign_in_writes_one_record_with_the_address_and_never_the_password()
    {
        await using var host = new AccountTestHost();
        using var client = host.Browser("203.0.113.7");
        const string wrong = "Wrong-Password-For-Audit-1";

        using var refused = await FormSignIn.PostAsync(client, "requester@portal.local", wrong);
        using var unknown = await FormSignIn.PostAsync(client, "nobody-audit@portal.local", wrong);
        await FormSignIn.SignInAsync(client, "admin@portal.local");
        using var changed = await client.PostAsJsonAsync("/api/inventory/hosts", Host("audit-address-01", 16), Token);

        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        var all = await AllAsync(host.Services);
        var known = all.Single(e => e.Action == AuditAction.SignInFailed && e.TargetName == "requester@portal.local");
        var stranger = all.Single(e => e.Action == AuditAction.SignInFailed && e.TargetName == "nobody-audit@portal.local");
        var byAdmin = all.Single(e => e.Action == AuditAction.InventoryChanged && e.TargetName == "audit-address-01");
        Assert.Equal(2, all.Count(e => e.Action == AuditAction.SignInFailed));
        Assert.Equal(("anonymous", "203.0.113.7", "203.0.113.7"), (known.ActorName, known.ActorAddress, stranger.ActorAddress));
        Assert.False(string.IsNullOrEmpty(known.TargetId), "a refused sign-in to a real account names the account's id");
        Assert.Equal(("admin@portal.local", "203.0.113.7"), (byAdmin.ActorName, byAdmin.ActorAddress));
        Assert.DoesNotContain(all, e => Text(e).Contains(wrong, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_entries_from_the_public_api_are_recorded_once_each()
    {
        var tokenId = Guid.NewGuid().ToString();
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            await audit.RecordAsync(AuditEntry.TokenCreated(tokenId, "ci pipeline", DateTimeOffset.UtcNow.AddDays(30)), Token);
            await audit.RecordAsync(AuditEntry.TokenRevoked(tokenId, "ci pipeline"), Token);
        }

        Assert.Equal("ci pipeline", (await SingleAsync(AuditAction.TokenCreated, tokenId)).TargetName);
        Assert.Equal("token", (await SingleAsync(AuditAction.TokenRevoked, tokenId)).TargetType);
    }

    [Fact]
    public async Task No_secret_reaches_the_audit_log_after_a_deployment_with_a_secret_parameter_and_a_bmc_password_change()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");
        var id = (string)(await SubmitAsync(requester, VirtualRequest("audit-secret-01")))["id"]!;
        using (await DecideAsync(approver, await TaskOfAsync(approver, id), "Approved"))
        {
        }

        await WaitForStatusAsync(requester, id, "Completed");
        using var created = await portal.Admin.PostAsJsonAsync("/api/inventory/servers", Server("audit-secret-r640", BmcPassword), Token);
        var server = (string)(await created.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;
        using var changed = await portal.Admin.PutAsJsonAsync($"/api/inventory/servers/{server}", Server("audit-secret-r640", NewBmcPassword), Token);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var all = await AllAsync();
        Assert.Contains(all, e => e.Action == AuditAction.RequestSubmitted && e.TargetId == id);
        Assert.Equal(2, all.Count(e => e.TargetId == server));
        foreach (var secret in new[] { ProvisioningPortal.Secret, BmcPassword, NewBmcPassword, PortalAppFactory.DemoPassword })
        {
            Assert.DoesNotContain(all, e => Text(e).Contains(secret, StringComparison.Ordinal));
        }

        using var csv = await portal.Admin.GetAsync("/api/audit.csv", Token);
        var exported = await csv.Content.ReadAsStringAsync(Token);
        Assert.Contains("audit-secret-01", exported, StringComparison.Ordinal);
        Assert.DoesNotContain(ProvisioningPortal.Secret, exported, StringComparison.Ordinal);
        Assert.DoesNotContain(NewBmcPassword, exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_read_the_audit_log_and_its_export()
    {
        using var requester = await portal.SignedInAsync("requester@portal.local");
        using var approver = await portal.SignedInAsync("approver@portal.local");
        using var anonymous = portal.Factory.CreateBrowserLikeClient();

        foreach (var path in new[] { "/api/audit", "/api/audit.csv" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await requester.GetAsync(path, Token)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await approver.GetAsync(path, Token)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path, Token)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await portal.Admin.GetAsync(path, Token)).StatusCode);
        }

        using var page = await requester.GetAsync("/admin/audit", Token);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/AccessDenied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_pages_newest_first_and_applies_the_filters()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            for (var i = 0; i < 5; i++)
            {
                await audit.RecordAsync(AuditEntry.TokenCreated($"{marker}-{i}", $"{marker}-{i}", null), Token);
            }
        }

        var first = await portal.Admin.GetFromJsonAsync<JsonObject>("/api/audit?action=TokenCreated&actor=portal&pageSize=2&page=1", Token);
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd");
        var inPeriod = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/audit?action=tokencreated&from={today}&to={today}&pageSize=500", Token);
        var nothingYet = await portal.Admin.GetFromJsonAsync<JsonObject>($"/api/audit?action=TokenCreated&to={today}T00:00:00Z", Token);
        using var bad = await portal.Admin.GetAsync("/api/audit?action=Everything&from=yesterday&pageSize=0", Token);

        var ours = first!["items"]!.AsArray().Select(e => (string?)e!["target"]!["name"]).ToList();
        Assert.Equal([$"{marker}-4", $"{marker}-3"], ours);
        Assert.True((int)first["totalCount"]! >= 5);
        Assert.Superset(Enumerable.Range(0, 5).Select(i => $"{marker}-{i}").ToHashSet(),
            inPeriod!["items"]!.AsArray().Select(e => (string)e!["target"]!["name"]!).ToHashSet());
        Assert.Equal(0, (int)nothingYet!["totalCount"]!);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>(Token))!["errors"]!.AsObject();
        Assert.Equal(["action", "from", "pageSize"], errors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task The_csv_export_neutralises_formulas_and_quotes_commas_quotes_and_newlines()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        string[] names = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1", "-1", "@SUM(A1:A2)", "\tcmd", "\rcmd", "a, \"quoted\"\nsecond line"];
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            foreach (var name in names)
            {
                await audit.RecordAsync(new AuditEntry(AuditAction.InventoryChanged, new AuditTarget(AuditTarget.ServerType, marker, name), "Server edited."), Token);
            }
        }

        using var response = await portal.Admin.GetAsync($"/api/audit.csv?action=InventoryChanged&actor=portal", Token);
        var csv = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("Time (UTC),Actor,", csv, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",", csv, StringComparison.Ordinal);
        Assert.Contains(",\"'+1\",", csv, StringComparison.Ordinal);
        Assert.Contains(",\"'-1\",", csv, StringComparison.Ordinal);
        Assert.Contains(",\"'@SUM(A1:A2)\",", csv, StringComparison.Ordinal);
        Assert.Contains(",\"'\tcmd\",", csv, StringComparison.Ordinal);
        Assert.Contains(",\"'\rcmd\",", csv, StringComparison.Ordinal);
        Assert.Contains(",\"a, \"\"quoted\"\"\nsecond line\",", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",+1,", csv, StringComparison.Ordinal);
    }

    private Task<List<AuditEventRecord>> AllAsync() => AllAsync(portal.Factory.Services);

    private static async Task<List<AuditEventRecord>> AllAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking().ToListAsync(Token);
    }

    private static string Text(AuditEventRecord e) =>
        string.Join('|', e.ActorUserId, e.ActorName, e.ActorDisplayName, e.ActorAddress, e.ActorUserAgent, e.Action, e.TargetType, e.TargetId, e.TargetName, e.Detail);
}
