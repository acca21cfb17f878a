using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Telemetry;

/// <summary>Where the portal's metrics and traces go (Portal:Telemetry).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Portal:Telemetry";

    /// <summary>
    /// An OpenTelemetry collector to export metrics and traces to over OTLP (e.g. http://collector:4318 with
    /// <see cref="OtlpProtocol"/> HttpProtobuf, or :4317 with Grpc). Unset: no export, unless the standard
    /// OTEL_EXPORTER_OTLP_ENDPOINT variable is set. Traces are recorded only while they are exported.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The collector's address, when one is set (an empty setting is none).</summary>
    public Uri? Collector => string.IsNullOrWhiteSpace(OtlpEndpoint) ? null : new Uri(OtlpEndpoint, UriKind.Absolute);

    public static bool HasValidCollector(TelemetryOptions options) =>
        string.IsNullOrWhiteSpace(options.OtlpEndpoint)
        || (Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    /// <summary>The OTLP transport: Grpc (the OpenTelemetry default) or HttpProtobuf.</summary>
    public OtlpTransport OtlpProtocol { get; set; } = OtlpTransport.Grpc;

    /// <summary>Serve the metrics at /metrics in Prometheus' text format, to admins (cookie or access token).</summary>
    public bool ScrapeEndpoint { get; set; } = true;

    /// <summary>How often the due-work gauges (queue depth, oldest due age) ask the database.</summary>
    [Range(1, 3600)]
    public int QueueProbeSeconds { get; set; } = 15;
}
