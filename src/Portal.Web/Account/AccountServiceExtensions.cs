using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Portal.Data;
using Portal.Data.Identity;

namespace Portal.Web.Account;

public static class AccountServiceExtensions
{
    /// <summary>
    /// ASP.NET Core Identity with cookies and roles. Every endpoint requires a signed-in user unless it
    /// says otherwise (the fallback policy), so a page added later is never open by accident.
    /// </summary>
    public static WebApplicationBuilder AddPortalAccounts(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AccountOptions.Section);
        var accounts = section.Get<AccountOptions>() ?? new AccountOptions();
        builder.Services.AddOptions<AccountOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<IdentityRedirectManager>();
        builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Events = new CookieAuthenticationEvents
            {
                // An API client wants a status code, not the HTML sign-in page.
                OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden),

                // A cookie from before a sign-out (or a password, role or lock change) no longer signs anyone in.
                OnValidatePrincipal = SessionStampCheck.ValidatePrincipalAsync,
            };
        });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        builder.Services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedAccessAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
                options.Password.RequiredLength = accounts.RequiredPasswordLength;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();

        builder.Services.AddScoped<DemoUserSeeder>();
        builder.Services.AddScoped<PasswordSignIn>();
        builder.Services.AddSingleton<SignInFailures>();
        builder.Services.AddSingleton<UnknownAccountPassword>();
        builder.Services.AddAccountRateLimits();
        return builder;
    }

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int statusCode)
    {
        // The OpenAPI document is for clients too; the API reference (/api/docs) is a page for people.
        var path = context.Request.Path;
        if (Hosting.Http.MachineAddresses.Contains(path) && !path.StartsWithSegments("/api/docs"))
        {
            context.Response.StatusCode = statusCode;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
