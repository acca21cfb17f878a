using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Data.Tokens;
using Portal.Domain.Tokens;
using Portal.Web.Hosting;
using Portal.Web.Shell;

namespace Portal.Web.Tokens;

/// <summary>
/// The signed-in user's personal access tokens, reached from the profile page: create one (shown once, with a copy
/// button), see them all by prefix, revoke one.
/// </summary>
public sealed partial class AccessTokensPage
{
    private IReadOnlyList<AccessTokenSummary> tokens = [];
    private CreatedAccessToken? created;
    private string? name;
    private string? nameError;
    private int days = AccessTokenLifetime.DefaultDays;
    private bool loading = true;
    private bool busy;
    private DateTimeOffset now;
    private string userId = "";

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    [Inject] public required IJSRuntime Js { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    /// <summary>The signed-in user, cascaded by the router.</summary>
    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var state = AuthenticationState is null ? null : await AuthenticationState;
        userId = state?.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        loading = true;
        now = Clock.GetUtcNow();
        tokens = await Scopes.WithAsync<AccessTokenStore, IReadOnlyList<AccessTokenSummary>>(
            store => store.ListAsync(userId, CancellationToken.None));
        loading = false;
    }

    private async Task CreateAsync()
    {
        busy = true;
        try
        {
            var result = await Scopes.WithAsync<AccessTokenStore, Domain.Validation.ValidationResult<CreatedAccessToken>>(
                store => store.CreateAsync(userId, name, days, CancellationToken.None));
            nameError = result.Errors.FirstOrDefault(e => e.Field == "name")?.Message;
            if (!result.IsValid)
            {
                return;
            }

            created = result.Value;
            name = null;
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private Task CopyAsync() => created is null ? Task.CompletedTask : Clipboard.CopyAsync(Js, Snackbar, created.Token);

    private async Task RevokeAsync(AccessTokenSummary token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke token",
            $"Revoke “{token.Name}” ({token.Prefix}…)? Whatever uses it gets 401 from its next call on.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var revoked = await Scopes.WithAsync<AccessTokenStore, AccessTokenRevocation>(
            store => store.RevokeAsync(token.Id, userId, CancellationToken.None));
        Snackbar.Add(revoked == AccessTokenRevocation.NotFound ? "That token no longer exists." : $"“{token.Name}” revoked.",
            revoked == AccessTokenRevocation.NotFound ? Severity.Warning : Severity.Success);
        if (created?.Summary.Id == token.Id)
        {
            created = null;
        }

        await LoadAsync();
    }
}
