namespace Portal.Provisioning.Leases;

/// <summary>The roles a portal user holds, by user name (none for a name nobody signs in with).</summary>
public interface IUserRoles
{
    Task<IReadOnlyList<string>> RolesOfAsync(string userName, CancellationToken cancellationToken);
}
