using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Domain.Quotas;
using Portal.Provisioning.Quotas;
using Portal.Web.Hosting;

namespace Portal.Web.Quotas;

/// <summary>The signed-in user's quota: per limited dimension what they hold of it, and how much of that is reserved. Nothing when no quota limits them.</summary>
public sealed partial class QuotaPanel
{
    private QuotaStatement? statement;

    [Inject] public required IServiceScopeFactory Scopes { get; init; }

    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Classes for the panel (spacing).</summary>
    [Parameter] public string? Class { get; set; }

    /// <summary>Read again when this changes (e.g. after a submission).</summary>
    [Parameter] public int Version { get; set; }

    private int loadedVersion = -1;

    protected override async Task OnParametersSetAsync()
    {
        if (loadedVersion == Version || AuthenticationState is null)
        {
            return;
        }

        loadedVersion = Version;
        if ((await AuthenticationState).User.Identity?.Name is { } user)
        {
            statement = await Scopes.WithAsync<QuotaPolicy, QuotaStatement>(quotas => quotas.StatementAsync(user, CancellationToken.None));
        }
    }

    private static string Label(QuotaDimension dimension) => dimension switch
    {
        QuotaDimension.Servers => "Servers",
        QuotaDimension.Vcpus => "vCPU",
        QuotaDimension.Memory => "Memory (GiB)",
        QuotaDimension.PhysicalServers => "Physical servers",
        _ => dimension.ToString(),
    };

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static double Percent(QuotaLine line) =>
        line.Limit is { } limit && limit > 0 ? Math.Min(100, (double)(line.Held / limit * 100)) : line.Held > 0 ? 100 : 0;
}
