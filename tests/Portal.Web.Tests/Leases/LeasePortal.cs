using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Domain.Notifications;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Leases;

/// <summary>
/// The real portal on the simulated datacenter with a clock the test moves forward (<see cref="ShiftedClock"/>), a lease
/// scan every 100 ms, and a notifier that records what the leases tell people (beside the portal's own bell).
/// </summary>
public class LeasePortal : ProvisioningPortal
{
    public LeasePortal()
        : this(new ShiftedClock(), new RecordingNotifier())
    {
    }

    private LeasePortal(ShiftedClock clock, RecordingNotifier notifier)
        : base(new Dictionary<string, string?> { ["Portal:Leases:ScanIntervalSeconds"] = "0.1" }, services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
            // Beside the portal's own notifier: lease notices go to every notifier, so the bell gets them too.
            services.AddSingleton<INotifier>(notifier);
        })
    {
        Clock = clock;
        Notifier = notifier;
    }

    public ShiftedClock Clock { get; }

    public RecordingNotifier Notifier { get; }
}
