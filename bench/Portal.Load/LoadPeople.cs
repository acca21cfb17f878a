using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Data;
using Portal.Data.Audit;
using Portal.Data.Configuration;
using Portal.Data.Identity;
using Portal.Data.Tokens;
using Portal.Domain.Audit;
using Portal.Domain.Security;

namespace Portal.Load;

/// <summary>
/// The run's people: requesters, approvers and one admin, each with a personal access token. The portal has no HTTP
/// call that creates users (admins create them on a page), so they are written as the admin page and the tests write
/// them: through Identity's <see cref="UserManager{TUser}"/> on the portal's database, with the portal's roles; their
/// tokens through the portal's own <see cref="AccessTokenStore"/> (audited, hashed), as <c>POST /api/tokens</c> does.
/// The users have no password: they only call the API.
/// </summary>
public sealed record LoadPeople(IReadOnlyList<string> Requesters, IReadOnlyList<string> Approvers, string Admin)
{
    public static async Task<LoadPeople> CreateAsync(DatabaseSettings database, int requesters, int approvers, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddPortalDatabase(database);
        services.AddIdentityCore<PortalUser>(o => o.User.RequireUniqueEmail = true)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>();
        services.AddSingleton<IAuditContext, SystemAuditContext>();
        services.AddScoped<IAuditLog, EfAuditLog>();
        services.AddScoped<AccessTokenStore>();
        await using var provider = services.BuildServiceProvider();

        async Task<string> PersonAsync(string email, string role)
        {
            await using var scope = provider.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = email.Split('@')[0],
                CreatedAt = DateTimeOffset.UtcNow,
            };
            Ensure(await users.CreateAsync(user), email);
            Ensure(await users.AddToRoleAsync(user, role), email);
            var now = DateTimeOffset.UtcNow;
            var token = await scope.ServiceProvider.GetRequiredService<AccessTokenStore>()
                .AddAsync(user.Id, "portal-load", now, now.AddDays(1), cancellationToken);
            return token.Token;
        }

        var requesterTokens = new List<string>();
        for (var i = 1; i <= requesters; i++)
        {
            requesterTokens.Add(await PersonAsync($"load-requester-{i:000}@load.local", PortalRoles.Requester));
        }

        var approverTokens = new List<string>();
        for (var i = 1; i <= approvers; i++)
        {
            approverTokens.Add(await PersonAsync($"load-approver-{i:000}@load.local", PortalRoles.Approver));
        }

        return new LoadPeople(requesterTokens, approverTokens, await PersonAsync("load-admin@load.local", PortalRoles.Admin));
    }

    private static void Ensure(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
