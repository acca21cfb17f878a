using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Workflows.Activities;

namespace Portal.Web.Tests.Designer;

/// <summary>A bUnit context for the designer's components: MudBlazor (with its popovers rendered), loose JS, the built-in activities.</summary>
public abstract class DesignerTestContext : BunitContext
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected DesignerTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The diagram asks the browser for its canvas's size on the first render; a laptop-sized view.
        JSInterop.Setup<Blazor.Diagrams.Core.Geometry.Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true)
            .SetResult(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1280, 720));
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected static ActivityRegistry Activities { get; } = ActivityRegistry.BuiltIn();

    /// <summary>Renders MudBlazor's popover host, where menus and select lists appear.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopovers() => Render<MudPopoverProvider>();
}
