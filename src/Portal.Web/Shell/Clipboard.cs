using Microsoft.JSInterop;
using MudBlazor;

namespace Portal.Web.Shell;

/// <summary>Copies text to the reader's clipboard through the browser and says whether it worked.</summary>
public static class Clipboard
{
    public static async Task CopyAsync(IJSRuntime js, ISnackbar snackbar, string text)
    {
        try
        {
            await js.InvokeVoidAsync("navigator.clipboard.writeText", text);
            snackbar.Add("Copied to the clipboard.", Severity.Normal);
        }
        catch (JSException)
        {
            // Browsers allow the clipboard only on secure origins (https, localhost) after a click.
            snackbar.Add("The browser did not allow copying: select the text and copy it instead.", Severity.Warning);
        }
    }
}
