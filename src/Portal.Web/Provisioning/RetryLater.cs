namespace Portal.Web.Provisioning;

/// <summary>503 Service Unavailable with Retry-After and a JSON body: "not now, call again in a moment".</summary>
public sealed class RetryLater(object body, int seconds) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return httpContext.Response.WriteAsJsonAsync(body, body.GetType(), httpContext.RequestAborted);
    }
}
