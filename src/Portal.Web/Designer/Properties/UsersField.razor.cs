using Microsoft.AspNetCore.Components;

namespace Portal.Web.Designer.Properties;

/// <summary>The users who may decide a task: chips for the chosen ones, a search over the portal's users to add more.</summary>
public sealed partial class UsersField
{
    private string? pick;

    /// <summary>The chosen users' e-mails.</summary>
    [Parameter] public IReadOnlyList<string> Users { get; set; } = [];

    /// <summary>Receives the whole list after a change.</summary>
    [Parameter] public EventCallback<IReadOnlyList<string>> UsersChanged { get; set; }

    /// <summary>How users are found; without it only the chosen users are shown.</summary>
    [Parameter] public UserSearch? Search { get; set; }

    private async Task<IEnumerable<string>> SearchAsync(string? text, CancellationToken cancellationToken) =>
        Search is null ? [] : (await Search(text, cancellationToken)).Where(u => !Users.Contains(u, StringComparer.OrdinalIgnoreCase));

    private async Task AddAsync(string? user)
    {
        pick = null;
        if (!string.IsNullOrWhiteSpace(user) && !Users.Contains(user, StringComparer.OrdinalIgnoreCase))
        {
            await UsersChanged.InvokeAsync([.. Users, user]);
        }
    }

    private Task RemoveAsync(string user) => UsersChanged.InvokeAsync(Users.Where(u => u != user).ToList());
}
