using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Portal.Workflows.Activities;

namespace Portal.Web.Designer.Palette;

/// <summary>
/// Every registered activity, grouped by category and searchable. Drag one onto the canvas, or reach it with the
/// keyboard (arrows move, Enter adds it in the middle of the view). One item is in the tab order at a time.
/// </summary>
public sealed partial class ActivityPalette
{
    private readonly Dictionary<int, ElementReference> items = [];
    private IReadOnlyList<PaletteGroup> groups = [];
    private IReadOnlyList<ActivityDescriptor>? shown;
    private string? search;
    private int focused;

    /// <summary>The activity types to offer: the registry's descriptors.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ActivityDescriptor> Descriptors { get; set; } = [];

    /// <summary>Asked to add an activity (Enter or double-click).</summary>
    [Parameter] public EventCallback<ActivityDescriptor> Add { get; set; }

    /// <summary>Told which activity a drag started with; the canvas's drop adds it.</summary>
    [Parameter] public EventCallback<ActivityDescriptor> DragStarted { get; set; }

    private int Count => groups.Sum(g => g.Activities.Count);

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(shown, Descriptors))
        {
            shown = Descriptors;
            Regroup();
        }
    }

    private Task SearchAsync(string? text)
    {
        search = text;
        Regroup();
        return Task.CompletedTask;
    }

    private void Regroup()
    {
        groups = PaletteCatalog.Group(Descriptors, search);
        items.Clear();
        focused = 0;
    }

    private async Task OnSearchKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key is "ArrowDown" or "Enter" && Count > 0)
        {
            await FocusAsync(0);
        }
    }

    private async Task OnItemKeyAsync(KeyboardEventArgs e, int position, ActivityDescriptor descriptor)
    {
        switch (e.Key)
        {
            case "ArrowDown":
                await FocusAsync(Math.Min(position + 1, Count - 1));
                break;
            case "ArrowUp":
                await FocusAsync(Math.Max(position - 1, 0));
                break;
            case "Home":
                await FocusAsync(0);
                break;
            case "End":
                await FocusAsync(Count - 1);
                break;
            case "Enter" or " ":
                await Add.InvokeAsync(descriptor);
                break;
        }
    }

    private async Task FocusAsync(int position)
    {
        focused = position;
        StateHasChanged();
        if (items.TryGetValue(position, out var item))
        {
            await item.FocusAsync();
        }
    }
}
