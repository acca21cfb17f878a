using Microsoft.AspNetCore.Mvc;
using Portal.Data.Resilience;

namespace Portal.Web.Hosting;

/// <summary>
/// A request that fails because the database cannot be reached (after EF's own retries) is answered 503 Service
/// Unavailable with <c>Retry-After</c> and a problem detail saying so, instead of a 500 naming an exception: the
/// caller did nothing wrong and may simply try again. Every other failure passes on to the usual error handling.
/// </summary>
public sealed partial class DatabaseOutageMiddleware(RequestDelegate next, IProblemDetailsService problems, ILogger<DatabaseOutageMiddleware> logger)
{
    /// <summary>Seconds a client is asked to wait: about how long EF's retries of one request take.</summary>
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsOutage(e) && !context.Response.HasStarted)
        {
            LogOutage(e, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable",
                Detail = $"The portal cannot reach its database right now, so the request may not have been carried out. Try again in {RetryAfterSeconds} seconds.",
            };
            if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
            {
                await context.Response.WriteAsync(problem.Detail, context.RequestAborted);
            }
        }
    }

    /// <summary>A transient database failure, or a timeout waiting for the database.</summary>
    public static bool IsOutage(Exception exception) =>
        DatabaseFailures.IsTransient(exception) || exception is TimeoutException || exception.InnerException is TimeoutException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the database is unreachable; answered 503")]
    private partial void LogOutage(Exception exception, string method, PathString path);
}
