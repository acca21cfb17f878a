using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Portal.Data.Workflows;
using Portal.Domain.Security;
using Portal.Provisioning.Telemetry;
using Portal.Workflows.Telemetry;

namespace Portal.Web.Telemetry;

/// <summary>
/// OpenTelemetry for the portal: the engine's metrics (Portal.Workflows), ASP.NET Core's HTTP latency, the .NET
/// runtime's memory and GC, served at /metrics for a Prometheus scrape and exported over OTLP when a collector is
/// configured; traces (request → workflow step → driver call) recorded only when they are exported.
/// </summary>
public static class TelemetryServiceExtensions
{
    /// <summary>Where Prometheus scrapes (admins only).</summary>
    public const string ScrapePath = "/metrics";

    public static WebApplicationBuilder AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations()
            .Validate(TelemetryOptions.HasValidCollector, $"{TelemetryOptions.Section}:OtlpEndpoint must be an http:// or https:// address.").ValidateOnStart();
        var settings = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var collector = TelemetryOptions.HasValidCollector(settings) ? settings.Collector : null;
        var exported = collector is not null || !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        builder.Services.AddScoped<DueWorkProbe>();
        builder.Services.AddHostedService<WorkQueueGauge>();

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("portal"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(WorkflowTelemetry.Name, "System.Runtime")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (settings.ScrapeEndpoint)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (exported)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(WorkflowTelemetry.Name, DriverTracing.Name)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsQuiet(context.Request.Path))
                .AddHttpClientInstrumentation());
            if (collector is not null)
            {
                var protocol = settings.OtlpProtocol == OtlpTransport.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                telemetry.UseOtlpExporter(protocol, collector);
            }
            else
            {
                // The standard OTEL_EXPORTER_OTLP_* variables say where and how.
                telemetry.UseOtlpExporter();
            }
        }

        return builder;
    }

    public static WebApplication MapPortalMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value.ScrapeEndpoint)
        {
            // Admins only: the figures tell how busy the portal is and what it runs.
            app.MapPrometheusScrapingEndpoint(ScrapePath).RequireAuthorization(policy => policy.RequireRole(PortalRoles.Admin));
        }

        return app;
    }

    /// <summary>Requests not worth a trace: probes, the scrape itself, static files and the Blazor circuit's traffic.</summary>
    private static bool IsQuiet(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(ScrapePath) || path.StartsWithSegments("/_framework")
        || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_content");
}
