using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Makes a request throw inside the real pipeline, after authentication, where any endpoint's code would: an
/// authorization handler (run for every endpoint that needs a session, whoever calls) that throws when the request
/// carries <see cref="Header"/>. The exception names a marker that must never reach a response.
/// </summary>
public sealed class HttpTestFailure : IAuthorizationHandler
{
    public const string Header = "X-Test-Fail";
    public const string Marker = "Marker-7f3a9c";

    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.Resource is HttpContext http && http.Request.Headers.ContainsKey(Header))
        {
            throw new InvalidOperationException($"{Marker}: the test made this request fail.");
        }

        return Task.CompletedTask;
    }

    /// <summary>Fails unless <paramref name="body"/> is free of the exception's type, its message (the marker) and stack frames.</summary>
    public static void AssertNoExceptionDetails(string body)
    {
        Assert.False(
            body.Contains("Exception", StringComparison.Ordinal) || body.Contains(Marker, StringComparison.Ordinal)
            || body.Contains("   at ", StringComparison.Ordinal) || body.Contains(".cs:line", StringComparison.Ordinal),
            $"The response should carry no exception details; it was: {body[..Math.Min(body.Length, 800)]}");
    }
}
