using Microsoft.AspNetCore.Identity;
using Portal.Domain.Security;

namespace Portal.Data.Identity;

/// <summary>
/// The portal's roles as model data, so every provider's migrations create them and no start-up code
/// has to. Ids and stamps are constants: generated ones would make the model differ on every build.
/// </summary>
internal static class RoleSeed
{
    public static IEnumerable<IdentityRole> Roles { get; } =
    [
        Role("b1f5e1c2-0001-4a57-9d3e-5e0000000001", PortalRoles.Requester),
        Role("b1f5e1c2-0002-4a57-9d3e-5e0000000002", PortalRoles.Approver),
        Role("b1f5e1c2-0003-4a57-9d3e-5e0000000003", PortalRoles.Admin),
    ];

    private static IdentityRole Role(string id, string name) => new()
    {
        Id = id,
        Name = name,
        NormalizedName = name.ToUpperInvariant(),
        ConcurrencyStamp = id,
    };
}
