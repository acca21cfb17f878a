using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Identity;
using Portal.Domain.Security;

namespace Portal.Web.Admin.Users;

/// <summary>
/// What the Admin › Users page does: list, create, change roles, lock and unlock. Each call runs in its own
/// scope so that a long-lived Blazor circuit never holds a stale DbContext. An administrator cannot lock
/// themselves out or take away their own Admin role: the portal must never be left without a way in.
/// </summary>
public sealed partial class UserAdministration(
    IServiceScopeFactory scopes, TimeProvider clock, ILogger<UserAdministration> logger)
{
    public async Task<UserPage> ListAsync(UserQuery query, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail!.Contains(term)
                                     || (u.DisplayName != null && u.DisplayName.ToUpper().Contains(term)));
        }

        var total = await users.CountAsync(cancellationToken);
        users = (query.SortBy, query.Descending) switch
        {
            (nameof(UserSummary.DisplayName), false) => users.OrderBy(u => u.DisplayName).ThenBy(u => u.NormalizedEmail),
            (nameof(UserSummary.DisplayName), true) => users.OrderByDescending(u => u.DisplayName).ThenBy(u => u.NormalizedEmail),
            (nameof(UserSummary.CreatedAt), false) => users.OrderBy(u => u.CreatedAt).ThenBy(u => u.NormalizedEmail),
            (nameof(UserSummary.CreatedAt), true) => users.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.NormalizedEmail),
            (_, true) => users.OrderByDescending(u => u.NormalizedEmail),
            _ => users.OrderBy(u => u.NormalizedEmail),
        };

        var size = Math.Clamp(query.PageSize, 1, UserQuery.MaxPageSize);
        var page = await users.Skip(Math.Max(0, query.Page) * size).Take(size).ToListAsync(cancellationToken);
        var ids = page.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name!);

        var now = clock.GetUtcNow();
        var items = page.Select(u => new UserSummary(
            u.Id, u.Email ?? u.UserName ?? u.Id, u.DisplayName,
            rolesByUser[u.Id].Order(StringComparer.Ordinal).ToList(),
            u.LockoutEnd > now, u.LockoutEnd > now ? u.LockoutEnd : null, u.AccessFailedCount, u.CreatedAt)).ToList();
        return new UserPage(items, total);
    }

    public async Task<AdminResult> CreateAsync(NewUser input, CancellationToken cancellationToken)
    {
        var unknown = input.Roles.Where(r => !PortalRoles.IsKnown(r)).ToList();
        if (unknown.Count > 0)
        {
            return AdminResult.Fail(nameof(NewUser.Roles), $"Unknown role: {string.Join(", ", unknown)}.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        cancellationToken.ThrowIfCancellationRequested();

        var email = input.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return AdminResult.Fail(nameof(NewUser.Email), $"A user with the e-mail {email} already exists.");
        }

        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(input.DisplayName) ? null : input.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
        {
            return FromIdentity(created);
        }

        if (input.Roles.Count > 0)
        {
            var assigned = await users.AddToRolesAsync(user, input.Roles);
            if (!assigned.Succeeded)
            {
                return FromIdentity(assigned);
            }
        }

        LogCreated(email, string.Join(", ", input.Roles));
        return AdminResult.Ok;
    }

    public async Task<AdminResult> SetRoleAsync(
        string userId, string role, bool member, string actingUserId, CancellationToken cancellationToken)
    {
        if (!PortalRoles.IsKnown(role))
        {
            return AdminResult.Fail("", $"Unknown role: {role}.");
        }

        if (!member && userId == actingUserId && string.Equals(role, PortalRoles.Admin, StringComparison.OrdinalIgnoreCase))
        {
            return AdminResult.Fail("", "You cannot remove your own Admin role; ask another administrator.");
        }

        return await WithUserAsync(userId, cancellationToken, async (users, user) =>
        {
            var isMember = await users.IsInRoleAsync(user, role);
            if (isMember == member)
            {
                return AdminResult.Ok;
            }

            var result = member ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
            if (!result.Succeeded)
            {
                return FromIdentity(result);
            }

            // A new security stamp makes the user's open sessions pick up the change.
            await users.UpdateSecurityStampAsync(user);
            LogRoleChanged(user.Email ?? userId, role, member);
            return AdminResult.Ok;
        });
    }

    public async Task<AdminResult> SetLockedAsync(
        string userId, bool locked, string actingUserId, CancellationToken cancellationToken)
    {
        if (locked && userId == actingUserId)
        {
            return AdminResult.Fail("", "You cannot lock your own account.");
        }

        return await WithUserAsync(userId, cancellationToken, async (users, user) =>
        {
            if (locked)
            {
                await users.SetLockoutEnabledAsync(user, true);
            }

            var result = await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
            if (!result.Succeeded)
            {
                return FromIdentity(result);
            }

            // Locking ends the user's open sessions at their next revalidation; unlocking forgets past failures.
            _ = locked ? await users.UpdateSecurityStampAsync(user) : await users.ResetAccessFailedCountAsync(user);
            LogLockChanged(user.Email ?? userId, locked);
            return AdminResult.Ok;
        });
    }

    private async Task<AdminResult> WithUserAsync(
        string userId, CancellationToken cancellationToken, Func<UserManager<PortalUser>, PortalUser, Task<AdminResult>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        cancellationToken.ThrowIfCancellationRequested();
        var user = await users.FindByIdAsync(userId);
        return user is null ? AdminResult.Fail("", "That user no longer exists.") : await change(users, user);
    }

    private static AdminResult FromIdentity(IdentityResult result)
    {
        var errors = result.Errors
            .GroupBy(e => FieldFor(e.Code))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
        return new AdminResult(errors);
    }

    private static string FieldFor(string identityErrorCode) => identityErrorCode switch
    {
        _ when identityErrorCode.StartsWith("Password", StringComparison.Ordinal) => nameof(NewUser.Password),
        _ when identityErrorCode.Contains("Email", StringComparison.Ordinal)
               || identityErrorCode.Contains("UserName", StringComparison.Ordinal) => nameof(NewUser.Email),
        _ => "",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Email} created with roles [{Roles}]")]
    private partial void LogCreated(string email, string roles);

    [LoggerMessage(Level = LogLevel.Information, Message = "Role {Role} of {Email} set to {Member}")]
    private partial void LogRoleChanged(string email, string role, bool member);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Email} locked: {Locked}")]
    private partial void LogLockChanged(string email, bool locked);
}
