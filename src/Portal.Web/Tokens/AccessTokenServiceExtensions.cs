using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Portal.Data.Tokens;

namespace Portal.Web.Tokens;

public static class AccessTokenServiceExtensions
{
    /// <summary>
    /// Personal access tokens: the store, the bearer scheme beside the cookie, and the default scheme that picks one
    /// of them per request (<see cref="AccessTokenAuthentication"/>). Call after <c>AddPortalAccounts</c>: it replaces
    /// the default scheme that set.
    /// </summary>
    public static WebApplicationBuilder AddPersonalAccessTokens(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessTokenOptions>()
            .BindConfiguration(AccessTokenOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<AccessTokenStore>();
        builder.Services.AddSingleton<AccessTokenRateLimit>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthentication.Scheme, null)
            .AddPolicyScheme(AccessTokenAuthentication.Selector, "Cookie or access token",
                options => options.ForwardDefaultSelector = AccessTokenAuthentication.SchemeFor);
        builder.Services.Configure<AuthenticationOptions>(options =>
            options.DefaultScheme = AccessTokenAuthentication.Selector);
        return builder;
    }

    /// <summary>Counts token calls; goes right after authentication, which says which token (if any) a call used.</summary>
    public static IApplicationBuilder UseAccessTokenRateLimit(this IApplicationBuilder app) =>
        app.UseMiddleware<AccessTokenRateLimit>();
}
