using MudBlazor.Services;

namespace Portal.Web.Shell;

public static class ShellServiceExtensions
{
    /// <summary>Blazor Server with MudBlazor: the frame every page renders in.</summary>
    public static WebApplicationBuilder AddPortalShell(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<NavigationCatalog>();
        return builder;
    }

    public static WebApplication MapPortalShell(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
