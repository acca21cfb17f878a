using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data.Identity;
using Portal.Domain.Security;
using Portal.Web.Hosting;

namespace Portal.Web.Account;

/// <summary>
/// Creates one demo user per role so a new installation can be tried at once. An existing user keeps
/// the password it has: a changed demo password is never reset behind the owner's back.
/// </summary>
public sealed partial class DemoUserSeeder(
    UserManager<PortalUser> users,
    IOptions<SeedOptions> seed,
    TimeProvider clock,
    ILogger<DemoUserSeeder> logger)
{
    public static IReadOnlyList<DemoUser> DemoUsers { get; } =
    [
        new("requester@portal.local", "Riya Requester", [PortalRoles.Requester]),
        new("approver@portal.local", "Alex Approver", [PortalRoles.Approver, PortalRoles.Requester]),
        new("admin@portal.local", "Sam Admin", [PortalRoles.Admin]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var demo in DemoUsers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var user = await users.FindByEmailAsync(demo.Email);
            if (user is null)
            {
                user = new PortalUser
                {
                    UserName = demo.Email,
                    Email = demo.Email,
                    EmailConfirmed = true,
                    DisplayName = demo.DisplayName,
                    CreatedAt = clock.GetUtcNow(),
                };
                EnsureSucceeded(await users.CreateAsync(user, seed.Value.DemoPassword), demo.Email);
                LogCreated(demo.Email);
            }

            var missing = demo.Roles.Except(await users.GetRolesAsync(user)).ToList();
            if (missing.Count > 0)
            {
                EnsureSucceeded(await users.AddToRolesAsync(user, missing), demo.Email);
            }
        }
    }

    private static void EnsureSucceeded(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            // The password policy is the usual cause; the message says which rule failed.
            throw new InvalidOperationException(
                $"Could not seed demo user {email}: {string.Join(" ", result.Errors.Select(e => e.Description))} " +
                "Check Portal:Seed:DemoPassword against Portal:Accounts.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo user {Email} created")]
    private partial void LogCreated(string email);

    public sealed record DemoUser(string Email, string DisplayName, IReadOnlyList<string> Roles);
}
