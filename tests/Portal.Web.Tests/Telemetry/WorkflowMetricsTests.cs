using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Portal.Web.Tests.Provisioning;
using Portal.Workflows.Telemetry;

namespace Portal.Web.Tests.Telemetry;

/// <summary>The engine's metrics as a deployment on the simulated datacenter records them, and the Prometheus scrape that serves them.</summary>
public sealed class WorkflowMetricsTests(ProvisioningPortal portal) : IClassFixture<ProvisioningPortal>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private IMeterFactory Meters => portal.Factory.Services.GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task A_deployment_counts_its_instance_started_and_completed_and_times_each_activity_by_type()
    {
        using var started = new MetricCollector<long>(Meters, WorkflowTelemetry.Name, "portal.workflow.instances.started");
        using var completed = new MetricCollector<long>(Meters, WorkflowTelemetry.Name, "portal.workflow.instances.completed");
        using var steps = new MetricCollector<double>(Meters, WorkflowTelemetry.Name, "portal.workflow.step.duration");

        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "metrics-vm-01"));
        await portal.WaitForDeploymentAsync(id, "Completed");

        Assert.True(started.GetMeasurementSnapshot().Sum(m => m.Value) >= 1, "the deployment's instance was counted as started");
        Assert.Contains(completed.GetMeasurementSnapshot(), m => Equals(m.Tags["workflow.definition"], "server-deployment"));
        var types = steps.GetMeasurementSnapshot().Select(m => (string?)m.Tags["activity.type"]).ToHashSet();
        Assert.Superset(new HashSet<string?> { "CreateVirtualMachine", "ConfigureSoftware", "PowerOn" }, types);
        Assert.All(steps.GetMeasurementSnapshot(), m => Assert.InRange(m.Value, 0, 60));
    }

    [Fact]
    public async Task Admins_scrape_the_engine_and_http_metrics_in_prometheus_format_and_nobody_else_does()
    {
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "metrics-vm-02"));
        await portal.WaitForDeploymentAsync(id, "Completed");
        using var anonymous = portal.Factory.CreateBrowserLikeClient();
        using var requester = await portal.SignedInAsync("requester@portal.local");

        using var response = await portal.Admin.GetAsync("/metrics", Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("portal_workflow_instances_started_total", text, StringComparison.Ordinal);
        Assert.Contains("portal_workflow_step_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await requester.GetAsync("/metrics", Token)).StatusCode);
    }
}
