using System.Text;
using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Data.Deployments;
using Portal.Data.Requests;
using Portal.Domain.Library;
using Portal.Domain.Validation;
using Portal.Provisioning;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Requests;
using Portal.Web.Designer.Viewer;
using Portal.Web.Tests.Provisioning;
using Portal.Web.Tests.Workflows;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Web.Tests.Designer.Viewer;

/// <summary>Test runs of drafts on the real portal: the engine and worker run them, the viewer watches them.</summary>
public sealed class TestRunTests : WorkflowPagesTestContext, IClassFixture<WorkflowPortal>
{
    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    /// <summary>The test runner's stores, on the portal's database and with its data protection keys, and its options.</summary>
    public TestRunTests(WorkflowPortal portal)
        : base(portal, services =>
        {
            services.AddSingleton(portal.Factory.Services.GetRequiredService<IDataProtectionProvider>());
            services.AddScoped<IRequestStore, EfRequestStore>();
            services.AddScoped<IDeploymentStore, EfDeploymentStore>();
            services.AddOptions<ProvisioningOptions>();
        })
    {
    }

    [Fact]
    public async Task A_test_run_runs_the_saved_draft_on_a_version_of_its_own_and_opens_it_on_the_diagram_while_requests_stay_on_the_published_version()
    {
        SignInAsAdmin();
        var id = UniqueId("tested");
        await Portal.PublishAsync(WorkflowPortal.Waiting(id));
        await SaveDraftAsync(WorkflowPortal.Completing(id));
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = RenderTestRun(id);

        page.Find("[data-testid=test-input][data-name=requestId] input").Change("r-sample");
        page.Find("[data-testid=start-test-run]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/diagram", navigation.Uri, StringComparison.Ordinal), Patience);
        var instanceId = navigation.Uri.Split('/')[^2];
        var state = await Portal.WaitForStatusAsync(instanceId, WorkflowStatus.Completed);
        Assert.Equal(TestRunner.SnapshotId(id), state.DefinitionId);
        Assert.Equal(TestRunner.CorrelationId, state.CorrelationId);
        Assert.Equal(["start", "note", "end"], state.Journal.Select(j => j.ActivityId));
        var (latest, draft) = await Portal.WithScopeAsync(async s =>
        {
            var definitions = s.GetRequiredService<WorkflowDefinitions>();
            return (await definitions.FindAsync(id, null, Token), await definitions.FindAsync(id, StoredDefinition.DraftVersion, Token));
        });
        Assert.Equal(1, latest!.Version);
        Assert.NotNull(latest.Definition.Find("wait"));
        Assert.NotNull(draft);
    }

    [Fact]
    public async Task The_viewer_names_a_test_run_as_one()
    {
        SignInAsAdmin();
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 1200, 800));
        var id = UniqueId("named");
        await SaveDraftAsync(WorkflowPortal.Completing(id));
        var started = await StartAsync(id, """{ "requestId": "r-1" }""");
        Assert.True(started.IsValid, string.Join("; ", started.Errors.Select(e => e.Message)));

        var viewer = Render<InstanceViewerPage>(p => p.Add(x => x.Id, started.Value).Add(x => x.RefreshInterval, TimeSpan.FromMilliseconds(200)));

        viewer.WaitForAssertion(() => Assert.Equal("Completed", viewer.Find("[data-testid=viewer-node][data-activity=end]").GetAttribute("data-mark")), Patience);
        Assert.NotEmpty(viewer.FindAll("[data-testid=test-run-chip]"));
        Assert.Contains("test run 1 of its draft", viewer.Find("[data-testid=viewer-version]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_inputs_that_name_a_real_request_are_refused_and_nothing_runs()
    {
        var id = UniqueId("real");
        await SaveDraftAsync(WorkflowPortal.Completing(id));
        var request = await Portal.WithScopeAsync(s => s.GetRequiredService<RequestSubmission>().SubmitAsync(new ServerRequestOrder
        {
            ImageId = ProvisioningPortal.Ubuntu,
            Placement = global::Portal.Domain.Inventory.Placement.Virtual,
            PlatformId = ProvisioningPortal.SimulatedVirtual,
            Hardware = new Dictionary<ResourceType, decimal> { [ResourceType.Processor] = 2, [ResourceType.Memory] = 4 },
            Parameters = new Dictionary<string, string?> { ["adminPassword"] = ProvisioningPortal.Secret },
            HostnamePattern = $"t{Guid.NewGuid():N}"[..12],
            Justification = "A request that a test run must leave alone.",
            RequestedBy = "requester@portal.local",
        }, Token));
        Assert.True(request.IsValid, string.Join("; ", request.Errors.Select(e => e.Message)));

        var started = await StartAsync(id, $$"""{ "requestId": "{{request.Value.Id}}" }""");

        Assert.False(started.IsValid);
        Assert.Contains("is a real request", Assert.Single(started.Errors).Message, StringComparison.Ordinal);
        var runs = await Portal.WithScopeAsync(s => s.GetRequiredService<IWorkflowInstanceStore>().ListAsync(null, TestRunner.SnapshotId(id), null, 10, Token));
        Assert.Empty(runs);
    }

    [Fact]
    public async Task A_draft_with_provisioning_activities_is_refused_while_the_portal_drives_real_infrastructure()
    {
        var id = UniqueId("realdrivers");
        await SaveDraftAsync(WorkflowPortal.Definition(id,
            """{ "id": "start", "type": "Start" }, { "id": "allocate", "type": "AllocateHardware", "inputs": { "deploymentId": { "expression": "input.requestId" } } }, { "id": "end", "type": "End" }""",
            """{ "from": "start", "outcome": "Done", "to": "allocate" }, { "from": "allocate", "outcome": "Done", "to": "end" }, { "from": "allocate", "outcome": "NoCapacity", "to": "end" }"""));
        var realDrivers = Microsoft.Extensions.Options.Options.Create(new ProvisioningOptions { Drivers = DriverMode.Real });

        var (refusal, started) = await Portal.WithScopeAsync(async s =>
        {
            var runner = ActivatorUtilities.CreateInstance<TestRunner>(s, realDrivers);
            var draft = await runner.DraftAsync(id, Token);
            return (runner.Refusal(draft!.Definition), await runner.StartAsync(id, new System.Text.Json.Nodes.JsonObject { ["requestId"] = "r-1" }, "admin@portal.local", Token));
        });

        Assert.Equal(TestRunner.SimulatedOnly, refusal);
        Assert.Equal(TestRunner.SimulatedOnly, Assert.Single(started.Errors).Message);
        var runs = await Portal.WithScopeAsync(s => s.GetRequiredService<IWorkflowInstanceStore>().ListAsync(null, TestRunner.SnapshotId(id), null, 10, Token));
        Assert.Empty(runs);
    }

    [Fact]
    public async Task A_requester_is_sent_to_access_denied()
    {
        using var client = Portal.Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(client, "requester@portal.local");

        using var response = await client.GetAsync("/admin/workflows/server-provisioning/test-run", Token);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_draft_is_refused_with_its_validation_errors()
    {
        var id = UniqueId("invalid");
        await SaveDraftAsync(WorkflowPortal.Definition(id,
            """{ "id": "start", "type": "Start" }, { "id": "lost", "type": "NoSuchActivity" }""",
            """{ "from": "start", "outcome": "Done", "to": "lost" }"""));

        var started = await StartAsync(id, """{ "requestId": "r-1" }""");

        Assert.False(started.IsValid);
        Assert.Contains(started.Errors, e => e.Message.Contains("NoSuchActivity", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_workflow_without_a_draft_says_how_to_get_one()
    {
        SignInAsAdmin();
        var id = UniqueId("nodraft");
        await Portal.PublishAsync(WorkflowPortal.Completing(id));

        var page = RenderTestRun(id, expect: "[data-testid=no-draft]");

        Assert.Contains("has no draft", page.Find("[data-testid=no-draft]").TextContent, StringComparison.Ordinal);
    }

    private Task<ValidationResult<string>> StartAsync(string id, string inputs) =>
        Portal.WithScopeAsync(s => ActivatorUtilities.CreateInstance<TestRunner>(s)
            .StartAsync(id, (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(inputs)!, "admin@portal.local", Token));

    private async Task SaveDraftAsync(string json)
    {
        var parsed = await WorkflowDefinitionJson.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), Token);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => $"{e.Field}: {e.Message}")));
        var saved = await Portal.WithScopeAsync(s => s.GetRequiredService<WorkflowDefinitions>().SaveDraftAsync(parsed.Value, "test", Token));
        Assert.NotNull(saved);
    }

    private IRenderedComponent<TestRunPage> RenderTestRun(string id, string expect = "[data-testid=test-run-form]")
    {
        Render<MudPopoverProvider>();
        var page = Render<TestRunPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(expect)), Patience);
        return page;
    }
}
