using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Servers;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>Powers a deployed server off (before a capture or a decommission).</summary>
public sealed class PowerOffActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "PowerOff", Category = Category, DisplayName = "Power off", HasSideEffects = true,
        Description = "Powers the server off. Powering off a server that is off already is fine.",
        Inputs = [ServerInput],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        await services.GetRequiredService<ServerLifecycle>().PowerAsync(ServerId(context), PowerAction.Off, context.CancellationToken, context.IdempotencyKey);
        return Done();
    }
}
