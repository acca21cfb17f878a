using Microsoft.EntityFrameworkCore;
using Portal.Provisioning.Leases;

namespace Portal.Data.Identity;

/// <summary>A user's roles read from the Identity tables by user name (the name the portal signs people in with).</summary>
public sealed class EfUserRoles(PortalDbContext db) : IUserRoles
{
    public async Task<IReadOnlyList<string>> RolesOfAsync(string userName, CancellationToken cancellationToken)
    {
        var normalized = userName.ToUpperInvariant();
        return await (
            from user in db.Users.AsNoTracking()
            where user.NormalizedUserName == normalized
            join link in db.UserRoles.AsNoTracking() on user.Id equals link.UserId
            join role in db.Roles.AsNoTracking() on link.RoleId equals role.Id
            select role.Name!).ToListAsync(cancellationToken);
    }
}
