using System.Globalization;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portal.Web.Account;

/// <summary>
/// Rate limits on the endpoints that take a password (ASP.NET Core's rate limiter). An endpoint opts in with
/// <c>[EnableRateLimiting(AccountRateLimits.SignIn)]</c> (a page) or <c>.RequireRateLimiting(AccountRateLimits.Token)</c>
/// (an API). Three counters, each a fixed window (<see cref="SignInRateLimitOptions"/>): the named policy counts per
/// client address; a global limiter counts per account from that address and per account from everywhere, for the
/// e-mail the form names. Refused attempts answer 429 with <c>Retry-After</c>, before any password work.
/// </summary>
public static class AccountRateLimits
{
    /// <summary>The sign-in form.</summary>
    public const string SignIn = "portal-sign-in";

    /// <summary>The self-registration form.</summary>
    public const string Registration = "portal-registration";

    /// <summary>
    /// For endpoints that would hand out tokens for a password (none: personal access tokens are created with the
    /// signed-in session); answers with problem details. Calls made with a personal access token are limited per
    /// token by <see cref="Tokens.AccessTokenRateLimit"/>, which logs under this name.
    /// </summary>
    public const string Token = "portal-token";

    private static readonly string[] Policies = [SignIn, Registration, Token];

    // The form fields that name the account: the portal's own forms, then the OAuth-style "username" and "email".
    private static readonly string[] AccountFields = ["Input.Email", "username", "email"];

    private static readonly object AccountItem = new();

    internal static IServiceCollection AddAccountRateLimits(this IServiceCollection services)
    {
        services.AddOptions<SignInRateLimitOptions>()
            .BindConfiguration(SignInRateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInRateLimitOptions>>((options, configured) =>
        {
            var limits = configured.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            foreach (var policy in Policies)
            {
                options.AddPolicy(policy, context => Window(
                    IsAttempt(context) ? $"{policy}|{ClientAddress.Of(context)}" : null, limits.PerAddress, limits.Window));
            }

            // Per account, in the global limiter because a named policy has one partition key. The per-address-and-
            // account counter comes first: once it refuses, an attempt no longer uses up the account's overall budget,
            // so one stranger's guessing cannot keep the account's owner out (see the README, Security → Sign-in).
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => Window(
                    AccountOf(context) is { } account ? $"{PolicyOf(context)}|{account}|{ClientAddress.Of(context)}" : null,
                    limits.PerAccountPerAddress, limits.Window)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => Window(
                    AccountOf(context) is { } account ? $"{PolicyOf(context)}|{account}" : null,
                    limits.PerAccount, limits.Window)));
        });
        return services;
    }

    /// <summary>Reads the account name from the form, then applies the limits. Goes after routing.</summary>
    public static IApplicationBuilder UseAccountRateLimits(this IApplicationBuilder app)
    {
        app.Use(ReadAccountNameAsync);
        app.UseRateLimiter();
        return app;
    }

    // A partitioner cannot await, and reading a form can; so the form is read here first (ASP.NET keeps it, and the
    // endpoint reads the same copy), and the normalised account name waits in HttpContext.Items.
    private static async Task ReadAccountNameAsync(HttpContext context, RequestDelegate next)
    {
        if (IsAttempt(context) && context.Request.HasFormContentType)
        {
            try
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                var named = AccountFields.Select(field => AccountName.Normalize(form[field].ToString()))
                    .FirstOrDefault(name => name is not null);
                if (named is not null)
                {
                    context.Items[AccountItem] = named;
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                // A malformed form names no account; the per-address limit still counts it and the endpoint refuses it.
            }
        }

        await next(context);
    }

    private static string? PolicyOf(HttpContext context)
    {
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        return policy is not null && Policies.Contains(policy, StringComparer.Ordinal) ? policy : null;
    }

    // Only posts are attempts: showing the form costs nothing and must not use up the budget.
    private static bool IsAttempt(HttpContext context) => HttpMethods.IsPost(context.Request.Method) && PolicyOf(context) is not null;

    private static string? AccountOf(HttpContext context) =>
        IsAttempt(context) && context.Items.TryGetValue(AccountItem, out var account) ? account as string : null;

    private static RateLimitPartition<string> Window(string? key, int permits, TimeSpan window) =>
        key is null
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var window = context.RequestServices.GetRequiredService<IOptions<SignInRateLimitOptions>>().Value.Window;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var policy = PolicyOf(context);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccountRateLimits))
            .LogWarning("Too many {Policy} attempts from {ClientAddress}: refused for {RetryAfterSeconds} s",
                policy, ClientAddress.Of(context), seconds);

        if (policy == Token || context.Request.Path.StartsWithSegments("/api"))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many attempts",
                    Detail = $"Too many attempts. Try again in {seconds} seconds.",
                },
            });
            return;
        }

        // The form's own page, with a message: a person who typed a password too often sees why and when to retry.
        var form = HtmlEncoder.Default.Encode(context.Request.PathBase + context.Request.Path);
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Too many attempts · Portal</title></head>
            <body>
            <main>
            <h1>Too many attempts</h1>
            <p role="alert">Too many attempts from here in a short time. Wait {{seconds}} seconds, then try again.</p>
            <p><a href="{{form}}">Back to the form</a></p>
            </main>
            </body>
            </html>
            """, cancellationToken);
    }
}
