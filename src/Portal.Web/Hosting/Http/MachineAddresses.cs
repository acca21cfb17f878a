namespace Portal.Web.Hosting.Http;

/// <summary>
/// The addresses programs call rather than people: the JSON API, the OpenAPI document and the metrics scrape. They
/// take access tokens, and answer 401/403 instead of redirecting to the sign-in page.
/// </summary>
public static class MachineAddresses
{
    public static bool Contains(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments(Telemetry.TelemetryServiceExtensions.ScrapePath);
}
