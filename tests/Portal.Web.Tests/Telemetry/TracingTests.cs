using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Portal.Provisioning.Telemetry;
using Portal.Web.Tests.Provisioning;
using Portal.Workflows.Telemetry;

namespace Portal.Web.Tests.Telemetry;

/// <summary>
/// With an OTLP collector configured, a deployment's trace reads request → workflow step → driver call, and the
/// exporter posts traces and metrics to the collector over OTLP/HTTP.
/// </summary>
public sealed class TracingTests : IAsyncLifetime
{
    private readonly SpanList spans = new();
    private OtlpReceiver receiver = null!;
    private TracedPortal portal = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        receiver = await OtlpReceiver.StartAsync();
        portal = new TracedPortal(receiver.Address, spans);
        await portal.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await portal.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_deployments_trace_runs_from_its_request_through_the_workflow_steps_to_the_driver_calls_and_reaches_the_collector()
    {
        var id = await portal.DeployAsync(ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", "traced-vm-01"));
        var deployment = await portal.WaitForDeploymentAsync(id, "Completed");
        var instanceId = (string)deployment["instanceId"]!;
        Assert.True(portal.Factory.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000), "the tracer flushed");
        // Its answer is false with a pull exporter (the Prometheus scrape) beside OTLP; the OTLP reader still exports.
        portal.Factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);

        var recorded = spans.Snapshot();

        // Other tests' hosts share this process and its listeners (and deploy too): keep to this deployment's trace.
        var request = recorded.Single(s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST /api/deployments", StringComparison.Ordinal)
            && recorded.Any(c => c.TraceId == s.TraceId && c.GetTagItem("workflow.instance") as string == instanceId));
        var trace = recorded.Where(s => s.TraceId == request.TraceId).ToList();
        var bySpan = trace.ToDictionary(s => s.SpanId);
        var driverCalls = trace.Where(s => s.Source.Name == DriverTracing.Name).ToList();
        Assert.Contains(driverCalls, s => s.DisplayName == "IVirtualMachineDriver.CreateAsync" && Equals(s.GetTagItem("portal.driver"), "Simulated"));
        Assert.All(driverCalls, call =>
        {
            // Up from the driver call: an activity's span, then (on the worker) its step's span, then the request.
            var parent = bySpan[call.ParentSpanId];
            Assert.Equal(WorkflowTelemetry.Name, parent.Source.Name);
            while (parent.Source.Name == WorkflowTelemetry.Name)
            {
                parent = bySpan[parent.ParentSpanId];
            }

            Assert.Same(request, parent);
        });

        Assert.Contains(receiver.Posts, p => p.Path == "/v1/traces" && p.ContentType == "application/x-protobuf");
        Assert.True(receiver.Received("/v1/traces", DriverTracing.Name), "the collector received the driver spans");
        Assert.True(receiver.Received("/v1/metrics", "portal.workflow.instances.started"), "the collector received the engine's metrics");
    }

    private sealed class TracedPortal(string collector, SpanList spans) : ProvisioningPortal(
        new Dictionary<string, string?>
        {
            ["Portal:Telemetry:OtlpEndpoint"] = collector,
            ["Portal:Telemetry:OtlpProtocol"] = "HttpProtobuf",
        },
        services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
}
