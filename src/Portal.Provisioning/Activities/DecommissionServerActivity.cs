using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Servers;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>Tears a server down: a VM is undefined with its disks, a physical server's disks are wiped. Release its hardware after.</summary>
public sealed class DecommissionServerActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "DecommissionServer", Category = Category, DisplayName = "Decommission server", HasSideEffects = true,
        Description = "Undefines a VM and deletes its disks, or wipes a physical server's disks; the server is marked decommissioned.",
        Inputs = [ServerInput],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        await services.GetRequiredService<ServerLifecycle>().DecommissionAsync(ServerId(context), context.CancellationToken);
        return Done();
    }
}
