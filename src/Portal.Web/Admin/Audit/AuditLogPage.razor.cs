using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Data.Audit;
using Portal.Domain.Audit;
using Portal.Web.Hosting;
using Portal.Web.Shell;

namespace Portal.Web.Admin.Audit;

/// <summary>
/// Admin › Audit log: the records newest first, paged in the database; period, actor and action live in the address,
/// and the CSV link exports what the filters show.
/// </summary>
public sealed partial class AuditLogPage
{
    private MudTable<AuditEvent>? table;
    private AuditFilter filter = AuditFilter.None;
    private string? problem;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    /// <summary>Start of the period: a date (yyyy-MM-dd) or an ISO 8601 instant.</summary>
    [SupplyParameterFromQuery(Name = AuditFilter.FromKey)] public string? From { get; set; }

    /// <summary>End of the period: a date (the whole day counts) or an ISO 8601 instant (exclusive).</summary>
    [SupplyParameterFromQuery(Name = AuditFilter.ToKey)] public string? To { get; set; }

    /// <summary>Part of the actor's e-mail or name, or their user id.</summary>
    [SupplyParameterFromQuery(Name = AuditFilter.ActorKey)] public string? Actor { get; set; }

    /// <summary>An <see cref="AuditAction"/> name.</summary>
    [SupplyParameterFromQuery(Name = AuditFilter.ActionKey)] public string? Action { get; set; }

    private string ExportHref => "/api/audit.csv" + filter.ToQueryString();

    private DateRange? Period => filter.From is null && filter.To is null ? null : new DateRange(Day(filter.From), Day(filter.To));

    protected override async Task OnParametersSetAsync()
    {
        var fromAddress = new AuditFilter(From, To, Actor, Action);
        if (fromAddress != filter)
        {
            // First render, or the address changed under the page (back button, a shared link): follow it.
            filter = fromAddress;
            await ReloadAsync();
        }
    }

    private async Task<TableData<AuditEvent>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var query = (filter with { Page = state.Page + 1, PageSize = state.PageSize }).ToQuery();
        problem = query.IsValid ? null : string.Join(" ", query.Errors.Select(e => e.Message));
        if (!query.IsValid)
        {
            return new TableData<AuditEvent> { Items = [], TotalItems = 0 };
        }

        var page = await Scopes.WithAsync<AuditReader, AuditPage>(reader => reader.QueryAsync(query.Value, cancellationToken));
        return new TableData<AuditEvent> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private Task PeriodAsync(DateRange? range) => ApplyAsync(filter with
    {
        From = range?.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        To = range?.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    });

    private Task ActorAsync(string? text) => ApplyAsync(filter with { Actor = string.IsNullOrWhiteSpace(text) ? null : text.Trim() });

    private Task ActionAsync(string? value) => ApplyAsync(filter with { Action = string.IsNullOrEmpty(value) ? null : value });

    private Task ClearAsync() => ApplyAsync(AuditFilter.None);

    private async Task ApplyAsync(AuditFilter next)
    {
        if (next == filter)
        {
            return;
        }

        filter = next;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(next.ToQueryParameters()), replace: true);
        await ReloadAsync();
    }

    private Task ReloadAsync() => table.ReloadFromFirstPageAsync();

    private static DateTime? Day(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
