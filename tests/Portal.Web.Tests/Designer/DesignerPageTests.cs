using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;
using MudBlazor.Services;
using Portal.Data;
using Portal.Data.Configuration;
using Portal.Web.Admin.Users;
using Portal.Web.Designer;
using Portal.Web.Designer.Canvas;
using Portal.Web.Workflows;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;
using Position = Portal.Workflows.Definitions.Position;

namespace Portal.Web.Tests.Designer;

/// <summary>
/// The designer page on the portal's own services (a migrated SQLite file, the workflow registrations, an admin):
/// a listed validation error leads to its node, and leaving with unsaved changes asks first.
/// </summary>
public sealed class DesignerPageTests : BunitContext, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"portal-designer-page-{Guid.NewGuid():N}");

    public DesignerPageTests()
    {
        Directory.CreateDirectory(folder);
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 1280, 720));
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        Services.AddMudServices();
        Services.AddPortalDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "portal.db")}"));
        Services.AddSingleton(TimeProvider.System);
        Services.AddPortalWorkflows();
        Services.AddUserAdministration();
        AddAuthorization().SetAuthorized("admin@portal.local").SetRoles(Portal.Domain.Security.PortalRoles.Admin);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public async ValueTask InitializeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.MigrateAsync();
        var loaded = ShippedDefinitions.Load("server-decommission");
        // A draft with one problem on one activity: powerOff's type is one the portal does not know.
        var broken = loaded with { Activities = [.. loaded.Activities.Select(a => a.Id == "powerOff" ? a with { Type = "NoSuchType" } : a)] };
        await scope.ServiceProvider.GetRequiredService<WorkflowDefinitions>().SaveDraftAsync(broken, "admin", CancellationToken.None);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Clicking_a_listed_validation_error_selects_and_highlights_its_activity()
    {
        var page = OpenDesigner();

        page.Find("[data-testid=validate]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=validation-error][data-activity=powerOff]")), Patience);
        page.Find("[data-testid=validation-error][data-activity=powerOff]").Click();

        page.WaitForAssertion(() => Assert.Contains("highlighted", Node(page, "powerOff").ClassList), Patience);
        page.WaitForAssertion(() => Assert.Equal("powerOff", page.Find("[data-testid=activity-properties]").GetAttribute("data-activity")), Patience);
        Assert.Single(page.FindAll(".activity-node.highlighted"));
    }

    [Fact]
    public void Leaving_with_unsaved_changes_asks_and_staying_prevents_the_navigation()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = OpenDesigner();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();

        navigation.NavigateTo("/admin/workflows");
        Assert.Equal(NavigationState.Succeeded, navigation.History.First().State);
        Assert.Empty(dialogs.FindAll(".mud-dialog"));

        page.InvokeAsync(() => page.FindComponent<DesignerCanvas>().Instance.Select(["end"]));
        page.Find("[data-testid=delete]").Click();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=designer]").GetAttribute("data-dirty")), Patience);

        navigation.NavigateTo("/admin/workflows");
        dialogs.WaitForAssertion(() => Assert.Contains("not saved", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Patience);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Stay").Click();

        dialogs.WaitForAssertion(() => Assert.Equal(NavigationState.Prevented, navigation.History.First().State), Patience);
    }

    [Fact]
    public void A_move_makes_the_draft_dirty_and_undoable_though_the_page_skips_revalidating_and_undo_makes_it_clean_again()
    {
        var page = OpenDesigner();
        var document = page.FindComponent<DesignerCanvas>().Instance.Document;
        page.Find("[data-testid=validate]").Click();
        var problems = page.Find("[data-testid=problems-summary]").TextContent;

        page.InvokeAsync(() => document.Move(new Dictionary<string, Position> { ["release"] = new(900, 600) }));

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=designer]").GetAttribute("data-dirty")), Patience);
        Assert.False(page.Find("[data-testid=undo]").HasAttribute("disabled"), "After a move, undo should be offered.");
        Assert.Equal(problems, page.Find("[data-testid=problems-summary]").TextContent);

        page.InvokeAsync(() => document.Move(new Dictionary<string, Position> { ["release"] = new(950, 650) }));
        page.Find("[data-testid=undo]").Click();
        page.Find("[data-testid=undo]").Click();

        page.WaitForAssertion(() => Assert.Equal("false", page.Find("[data-testid=designer]").GetAttribute("data-dirty")), Patience);
        Assert.True(page.Find("[data-testid=undo]").HasAttribute("disabled"), "With both moves undone, nothing is left to undo.");
        Assert.False(page.Find("[data-testid=redo]").HasAttribute("disabled"), "An undone move can be redone.");
    }

    [Fact]
    public void The_zoom_buttons_change_the_zoom_shown_in_the_toolbar_and_fit_brings_it_back()
    {
        var page = OpenDesigner();
        var before = page.Find("[data-testid=zoom]").TextContent;

        page.Find("[data-testid=zoom-in]").Click();
        page.Find("[data-testid=zoom-in]").Click();
        page.WaitForAssertion(() => Assert.NotEqual(before, page.Find("[data-testid=zoom]").TextContent), Patience);
        var zoomedIn = int.Parse(page.Find("[data-testid=zoom]").TextContent.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
        page.Find("[data-testid=fit]").Click();

        page.WaitForAssertion(() => Assert.True(
            int.Parse(page.Find("[data-testid=zoom]").TextContent.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture) is var fitted && fitted <= 100 && fitted < zoomedIn,
            $"Fit should bring {zoomedIn}% back to at most 100%, shows {page.Find("[data-testid=zoom]").TextContent}"), Patience);
        Assert.True(zoomedIn > int.Parse(before.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture), $"Zoom in twice should raise {before}, got {zoomedIn}%");
    }

    private IRenderedComponent<DesignerPage> OpenDesigner()
    {
        Render<MudPopoverProvider>();
        var page = Render<DesignerPage>(p => p.Add(c => c.Id, "server-decommission"));
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=activity-node]").Count), Patience);
        return page;
    }

    private static AngleSharp.Dom.IElement Node(IRenderedComponent<DesignerPage> page, string id) =>
        page.Find($"[data-testid=activity-node][data-activity='{id}']");
}
