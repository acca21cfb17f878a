using Microsoft.AspNetCore.Diagnostics;

namespace Portal.Web.Hosting.Http;

/// <summary>
/// What a request that throws gets, in every environment: a page request the shell's error page, everything else a
/// problem details 500 with a trace id. Neither names the exception or shows its stack; the log has them, once.
/// A request the client got wrong (Kestrel's or a minimal API's <see cref="BadHttpRequestException"/>: a body too
/// large, a wrong content type, unreadable JSON) keeps its status (413, 415, 400) and says what was wrong.
/// The one exception: in Development, a signed-in user's page request falls through to the developer exception page,
/// the interactive session that page is for. Anonymous callers and API callers never see it.
/// </summary>
public sealed partial class ErrorResponseMiddleware(
    RequestDelegate next, IServiceScopeFactory scopes, IHostEnvironment environment, ILogger<ErrorResponseMiddleware> logger)
{
    public const string ErrorPage = "/Error";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !ShowsDeveloperPage(context))
        {
            if (e is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            {
                return; // the caller has gone; nobody reads an answer
            }

            if (e is BadHttpRequestException bad)
            {
                LogBadRequest(context.Request.Method, context.Request.Path, bad.StatusCode, bad.Message);
                await ProblemResults.WriteAsync(context, bad.StatusCode, bad.Message);
                return;
            }

            LogFailure(e, context.Request.Method, context.Request.Path, context.TraceIdentifier);
            if (IsPageRequest(context))
            {
                await RenderErrorPageAsync(context, e);
            }
            else
            {
                await ProblemResults.WriteAsync(context, StatusCodes.Status500InternalServerError,
                    $"The portal failed to carry out the request. The error was logged; quote the trace id {context.TraceIdentifier} when you report it.",
                    "An unexpected error occurred");
            }
        }
    }

    /// <summary>A browser navigating to a page: GET or HEAD, outside the API, asking for HTML.</summary>
    public static bool IsPageRequest(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && !context.Request.Path.StartsWithSegments("/api")
        && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private bool ShowsDeveloperPage(HttpContext context) =>
        environment.IsDevelopment() && IsPageRequest(context) && context.User.Identity?.IsAuthenticated == true;

    /// <summary>
    /// Runs the rest of the pipeline again for the error page, in a fresh service scope (the failed request's scoped
    /// services, its DbContext first, may be in any state), as the framework's exception handler does.
    /// </summary>
    private async Task RenderErrorPageAsync(HttpContext context, Exception error)
    {
        var path = context.Request.Path;
        var services = context.RequestServices;
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        context.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature { Error = error, Path = path });
        await using var scope = scopes.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        context.Request.Path = ErrorPage;
        try
        {
            await next(context);
        }
        catch (Exception again) when (!context.Response.HasStarted)
        {
            LogErrorPageFailed(again, path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
        finally
        {
            context.Request.Path = path;
            context.RequestServices = services;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed; answered 500 (trace {TraceId})")]
    private partial void LogFailure(Exception exception, string method, PathString path, string traceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path}: a bad request, answered {Status}: {Reason}")]
    private partial void LogBadRequest(string method, PathString path, int status, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The error page failed too for {Path}; answered a bare 500")]
    private partial void LogErrorPageFailed(Exception exception, PathString path);
}
