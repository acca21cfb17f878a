namespace Portal.Web.Telemetry;

/// <summary>How metrics and traces travel to an OTLP collector.</summary>
public enum OtlpTransport
{
    Grpc,
    HttpProtobuf,
}
