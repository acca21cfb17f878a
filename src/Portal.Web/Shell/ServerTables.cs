using MudBlazor;

namespace Portal.Web.Shell;

/// <summary>What the server-paged list pages do with their table when a filter changes.</summary>
public static class ServerTables
{
    /// <summary>
    /// Shows the first page under the new filter: moving to it reloads by itself, and a table already there is
    /// reloaded. A table not rendered yet has nothing to reload.
    /// </summary>
    public static async Task ReloadFromFirstPageAsync<T>(this MudTable<T>? table)
    {
        if (table is null)
        {
            return;
        }

        if (table.CurrentPage != 0)
        {
            table.NavigateTo(Page.First);
        }
        else
        {
            await table.ReloadServerData();
        }
    }
}
