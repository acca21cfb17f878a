using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Web.Account;

namespace Portal.Web.Tokens;

/// <summary>
/// Counts the API calls of each personal access token (a fixed window, <see cref="AccessTokenOptions"/>) and answers
/// 429 with <c>Retry-After</c> once a token has used its window up. It runs after authentication and counts tokens
/// that authenticated, by their id: a stranger who knows a token's public prefix cannot use up its owner's budget with
/// wrong secrets. Calls with the cookie are not counted here.
/// </summary>
public sealed partial class AccessTokenRateLimit(IOptions<AccessTokenOptions> options, ILogger<AccessTokenRateLimit> logger) : IMiddleware, IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(tokenId =>
        RateLimitPartition.GetFixedWindowLimiter(tokenId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RequestsPerWindow,
            Window = options.Value.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (AccessTokenAuthentication.TokenIdOf(context.User) is not { } tokenId)
        {
            await next(context);
            return;
        }

        using var lease = limiter.AttemptAcquire(tokenId);
        if (lease.IsAcquired)
        {
            await next(context);
            return;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.Value.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        LogLimited(AccountRateLimits.Token, Domain.Tokens.AccessTokenSecret.PrefixOf(tokenId), seconds);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"This access token made too many calls. Try again in {seconds} seconds.").ExecuteAsync(context);
    }

    public void Dispose() => limiter.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Policy}: token {TokenPrefix} over its limit; refused for {RetryAfterSeconds} s")]
    private partial void LogLimited(string policy, string tokenPrefix, int retryAfterSeconds);
}
