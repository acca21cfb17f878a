using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Web.Approvals.Pages;

/// <summary>
/// What the approvals page shows at one moment: the tasks waiting for the person, and the names the requesters go
/// by (an approver knows Riya, not requester@portal.local), read in one query.
/// </summary>
public sealed record InboxSnapshot(IReadOnlyList<InboxItem> Items, IReadOnlyDictionary<string, string> Names)
{
    /// <summary>Loads the inbox in the caller's scope.</summary>
    public static async Task<InboxSnapshot> LoadAsync(IServiceProvider services, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var items = await services.GetRequiredService<ApprovalInbox>().ForAsync(user, cancellationToken);
        var emails = items.Select(i => i.Request?.RequestedBy).OfType<string>().Select(e => e.ToUpperInvariant()).Distinct().ToList();
        if (emails.Count == 0)
        {
            return new InboxSnapshot(items, new Dictionary<string, string>());
        }

        var people = await services.GetRequiredService<PortalDbContext>().Users.AsNoTracking()
            .Where(u => u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail) && u.DisplayName != null)
            .Select(u => new { u.Email, u.DisplayName })
            .ToListAsync(cancellationToken);
        return new InboxSnapshot(items, people
            .Where(p => p.Email is not null)
            .ToDictionary(p => p.Email!, p => p.DisplayName!, StringComparer.OrdinalIgnoreCase));
    }
}
