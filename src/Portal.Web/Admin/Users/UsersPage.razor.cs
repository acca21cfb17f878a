using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Portal.Web.Admin.Users;

/// <summary>Admin › Users: list, search, create, change roles, lock and unlock.</summary>
public sealed partial class UsersPage
{
    private MudDataGrid<UserSummary>? grid;
    private string? search;
    private bool loading;

    [Inject] public required UserAdministration Administration { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    /// <summary>The signed-in administrator, cascaded by the router.</summary>
    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    private async Task<GridData<UserSummary>> LoadAsync(GridState<UserSummary> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var page = await Administration.ListAsync(
            new UserQuery(search, sort?.SortBy, sort?.Descending ?? false, state.Page, state.PageSize), cancellationToken);
        return new GridData<UserSummary> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task SearchAsync(string? text)
    {
        search = text;
        await ReloadAsync();
    }

    private async Task OpenCreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateUserDialog>("New user",
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add($"User {result.Data} created.", Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task ToggleRoleAsync(UserSummary user, string role, bool member)
    {
        var outcome = await Administration.SetRoleAsync(user.Id, role, member, await ActingUserIdAsync(), CancellationToken.None);
        Report(outcome, member ? $"{user.Email} is now {role}." : $"{user.Email} is no longer {role}.");
        await ReloadAsync();
    }

    private async Task SetLockedAsync(UserSummary user, bool locked)
    {
        var outcome = await Administration.SetLockedAsync(user.Id, locked, await ActingUserIdAsync(), CancellationToken.None);
        Report(outcome, locked ? $"{user.Email} is locked and signed out." : $"{user.Email} is unlocked.");
        await ReloadAsync();
    }

    private void Report(AdminResult outcome, string success)
    {
        if (outcome.Succeeded)
        {
            Snackbar.Add(success, Severity.Success);
            return;
        }

        foreach (var message in outcome.Errors.SelectMany(e => e.Value))
        {
            Snackbar.Add(message, Severity.Error);
        }
    }

    private async Task ReloadAsync()
    {
        if (grid is not null)
        {
            loading = true;
            await grid.ReloadServerData();
            loading = false;
        }
    }

    private async Task<string> ActingUserIdAsync()
    {
        var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        return user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
    }
}
