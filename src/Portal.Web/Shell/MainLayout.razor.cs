using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using MudBlazor;
using Portal.Web.Account;

namespace Portal.Web.Shell;

/// <summary>The app bar, the drawer and the theme. The theme choice is kept in the browser.</summary>
public sealed partial class MainLayout
{
    private const string DarkModeKey = "portal.darkMode";

    private MudThemeProvider? themeProvider;
    private bool isDarkMode;
    private bool drawerOpen = true;

    [Inject] public required ProtectedLocalStorage Storage { get; init; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || themeProvider is null)
        {
            return;
        }

        var stored = await TryReadStoredChoiceAsync();
        isDarkMode = stored ?? await themeProvider.GetSystemDarkModeAsync();
        StateHasChanged();
    }

    private void ToggleDrawer() => drawerOpen = !drawerOpen;

    private async Task ToggleThemeAsync()
    {
        isDarkMode = !isDarkMode;
        await Storage.SetAsync(DarkModeKey, isDarkMode);
    }

    private async Task<bool?> TryReadStoredChoiceAsync()
    {
        try
        {
            var result = await Storage.GetAsync<bool>(DarkModeKey);
            return result.Success ? result.Value : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A value written under other data-protection keys; fall back to the system preference.
            return null;
        }
    }

    private static string UserLabel(ClaimsPrincipal user) =>
        user.FindFirst(PortalClaimTypes.DisplayName)?.Value ?? user.Identity?.Name ?? "Signed in";
}
