using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Portal.Web.Designer.Properties;

/// <summary>A list of short texts (a user task's outcomes, a switch's cases): chips to remove, a field to add.</summary>
public sealed partial class ListField
{
    private List<string> items = [];
    private string? draft;

    /// <summary>The current items.</summary>
    [Parameter] public IReadOnlyList<string> Items { get; set; } = [];

    /// <summary>Receives the whole list after an item was added or removed.</summary>
    [Parameter] public EventCallback<IReadOnlyList<string>> ItemsChanged { get; set; }

    /// <summary>The hint in the add field.</summary>
    [Parameter] public string? Placeholder { get; set; }

    protected override void OnParametersSet() => items = [.. Items];

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await AddAsync();
        }
    }

    private async Task AddAsync()
    {
        var text = draft?.Trim();
        if (string.IsNullOrEmpty(text) || items.Contains(text, StringComparer.Ordinal))
        {
            return;
        }

        items.Add(text);
        draft = null;
        await ItemsChanged.InvokeAsync(items.ToList());
    }

    private async Task RemoveAsync(int index)
    {
        items.RemoveAt(index);
        await ItemsChanged.InvokeAsync(items.ToList());
    }
}
