using Bunit;
using Portal.Web.Designer.Palette;
using Portal.Workflows.Activities;

namespace Portal.Web.Tests.Designer;

public sealed class ActivityPaletteTests : DesignerTestContext
{
    [Fact]
    public void Every_descriptor_is_an_item_in_the_group_of_its_category()
    {
        var descriptors = Activities.Descriptors.ToList();

        var palette = Render<ActivityPalette>(p => p.Add(c => c.Descriptors, descriptors));

        foreach (var descriptor in descriptors)
        {
            var group = palette.Find($"[data-testid=palette-group][data-category='{descriptor.Category}']");
            var item = group.QuerySelector($"[data-testid=palette-item][data-type='{descriptor.Type}']");
            Assert.NotNull(item);
            Assert.Contains(descriptor.DisplayName, item!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(descriptors.Count, palette.FindAll("[data-testid=palette-item]").Count);
        Assert.Equal(descriptors.Select(d => d.Category).Distinct().Count(), palette.FindAll("[data-testid=palette-group]").Count);
    }

    [Fact]
    public void A_descriptor_added_to_the_registry_appears_without_any_other_change()
    {
        var custom = new ActivityDescriptor { Type = "PingSwitch", Category = "Networking", DisplayName = "Ping the switch", Description = "Checks a port." };

        var palette = Render<ActivityPalette>(p => p.Add(c => c.Descriptors, [.. Activities.Descriptors, custom]));

        var item = palette.Find("[data-testid=palette-group][data-category=Networking] [data-testid=palette-item][data-type=PingSwitch]");
        Assert.Contains("Ping the switch", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", item.GetAttribute("draggable"));
    }

    [Fact]
    public void Searching_keeps_only_matching_activities_and_says_when_none_match()
    {
        var palette = Render<ActivityPalette>(p => p.Add(c => c.Descriptors, Activities.Descriptors.ToList()));

        palette.Find("[data-testid=palette-search]").Input("delay");
        palette.WaitForAssertion(() =>
            Assert.Equal(["Delay"], palette.FindAll("[data-testid=palette-item]").Select(i => i.GetAttribute("data-type")!)), Patience);

        palette.Find("[data-testid=palette-search]").Input("no such activity");
        palette.WaitForAssertion(() => Assert.NotNull(palette.Find("[data-testid=palette-empty]")), Patience);
    }

    [Fact]
    public void Arrow_keys_Home_and_End_move_the_one_focusable_item_through_the_list()
    {
        var palette = Render<ActivityPalette>(p => p
            .Add(c => c.Descriptors, Activities.Descriptors.ToList())
            .Add(c => c.Add, _ => { }));
        var order = palette.FindAll("[data-testid=palette-item]").Select(i => i.GetAttribute("data-type")!).ToList();
        var seen = new List<string> { Focused(palette) };

        foreach (var key in new[] { "ArrowDown", "ArrowDown", "ArrowUp", "End", "ArrowDown", "Home", "ArrowUp" })
        {
            palette.Find($"[data-testid=palette-item][data-type='{Focused(palette)}']").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = key });
            seen.Add(Focused(palette));
        }

        Assert.Equal([order[0], order[1], order[2], order[1], order[^1], order[^1], order[0], order[0]], seen);
        Assert.Single(palette.FindAll("[data-testid=palette-item][tabindex='0']"));
    }

    /// <summary>The item in the tab order (roving tabindex), which is also the one marked selected.</summary>
    private static string Focused(IRenderedComponent<ActivityPalette> palette)
    {
        var item = Assert.Single(palette.FindAll("[data-testid=palette-item][aria-selected=true]"));
        Assert.Equal("0", item.GetAttribute("tabindex"));
        return item.GetAttribute("data-type")!;
    }

    [Fact]
    public void Enter_on_a_focused_item_adds_that_activity()
    {
        ActivityDescriptor? added = null;
        var palette = Render<ActivityPalette>(p => p
            .Add(c => c.Descriptors, Activities.Descriptors.ToList())
            .Add(c => c.Add, d => added = d));

        palette.Find("[data-testid=palette-item][data-type=Delay]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.Equal("Delay", added?.Type);
    }
}
