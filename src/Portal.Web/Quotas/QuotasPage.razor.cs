using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Quotas;
using Portal.Domain.Validation;
using Portal.Provisioning.Quotas;
using Portal.Web.Hosting;

namespace Portal.Web.Quotas;

/// <summary>Admin › Quotas: every role's quota, the users who have one of their own, and an editor that shows what holds for a user.</summary>
public sealed partial class QuotasPage
{
    private IReadOnlyList<QuotaDefinition> definitions = [];
    private QuotaSubject? editing;
    private QuotaStatement? statement;
    private QuotaForm form = new();
    private IReadOnlyList<ValidationError> errors = [];
    private string? userToOpen;
    private string? userProblem;
    private bool busy;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() =>
        definitions = await Scopes.WithAsync<IQuotaStore, IReadOnlyList<QuotaDefinition>>(store => store.ListAsync(CancellationToken.None));

    private QuotaLimits? LimitsOf(QuotaSubject subject) =>
        definitions.FirstOrDefault(d => d.Subject.Kind == subject.Kind && d.Subject.Name.Equals(subject.Name, StringComparison.OrdinalIgnoreCase))?.Limits;

    private async Task EditAsync(QuotaSubject subject)
    {
        editing = subject;
        errors = [];
        var limits = LimitsOf(subject) ?? QuotaLimits.None;
        form = new QuotaForm { MaxServers = limits.Servers, MaxVcpus = limits.Vcpus, MaxMemoryGiB = limits.MemoryGiB, MaxPhysicalServers = limits.PhysicalServers };
        statement = subject.Kind == QuotaSubjectKind.User
            ? await Scopes.WithAsync<QuotaPolicy, QuotaStatement>(quotas => quotas.StatementAsync(subject.Name, CancellationToken.None))
            : null;
    }

    private async Task OpenUserAsync()
    {
        userProblem = null;
        var typed = userToOpen?.Trim() ?? "";
        var found = typed.Length == 0 ? null : await Scopes.WithAsync<IQuotaStore, string?>(store => store.FindUserAsync(typed, CancellationToken.None));
        if (found is null)
        {
            userProblem = typed.Length == 0 ? "Type the user's e-mail address." : $"There is no user '{typed}'.";
            return;
        }

        await EditAsync(QuotaSubject.User(found));
    }

    private Task SaveAsync() => SetAsync(new QuotaLimits(form.MaxServers, form.MaxVcpus, form.MaxMemoryGiB, form.MaxPhysicalServers));

    private Task RemoveAsync() => SetAsync(QuotaLimits.None);

    private async Task SetAsync(QuotaLimits limits)
    {
        if (editing is not { } subject)
        {
            return;
        }

        busy = true;
        try
        {
            var actor = AuthenticationState is null ? null : (await AuthenticationState).User.Identity?.Name;
            var saved = await Scopes.WithAsync<QuotaPolicy, ValidationResult<QuotaDefinition?>>(quotas => quotas.SetAsync(subject, limits, actor, CancellationToken.None));
            errors = saved.IsValid ? [] : saved.Errors;
            if (saved.IsValid)
            {
                Snackbar.Add(limits.IsEmpty ? $"The quota of {subject} is removed." : $"The quota of {subject} is saved.", Severity.Success);
                await LoadAsync();
                await EditAsync(subject);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private void Close()
    {
        editing = null;
        statement = null;
        errors = [];
    }

    private bool HasError(string field) => errors.Any(e => e.Field == field);

    private string ErrorFor(string field) => string.Join(" ", errors.Where(e => e.Field == field).Select(e => e.Message));

    private static string Shown(int? limit) => limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    /// <summary>The editor's fields.</summary>
    private sealed class QuotaForm
    {
        public int? MaxServers { get; set; }

        public int? MaxVcpus { get; set; }

        public int? MaxMemoryGiB { get; set; }

        public int? MaxPhysicalServers { get; set; }
    }
}
