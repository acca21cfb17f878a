using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Leases;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>
/// The end of the lease-extension workflow: applies an approved extension (the lease's end moves) or drops a refused
/// one, and tells the owner. Only the portal's records change and a repeat changes nothing more, so it runs at once.
/// </summary>
public sealed class DecideLeaseExtensionActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "DecideLeaseExtension", Category = "Leases", DisplayName = "Decide lease extension",
        Description = "Applies an approved lease extension (approved true) or drops a refused one, and tells the server's owner.",
        Inputs =
        [
            ServerInput,
            new("until", "string", Required: true, Description: "The new end asked for (ISO 8601).", UiHint: "expression"),
            new("approved", "boolean", Required: true, Description: "Whether the extension applies.", UiHint: "expression"),
            new("decidedBy", "string", Description: "Who decided (the owner reads it).", UiHint: "expression"),
            new("comment", "string", Description: "Why (the owner reads it).", UiHint: "expression"),
        ],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        if (!DateTimeOffset.TryParse(context.RequiredString("until"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until))
        {
            throw new ActivityInputException($"Activity '{context.Node.DisplayName}' ({context.Node.Id}): until is not a date: '{context.InputString("until")}'.");
        }

        var approved = context.InputBool("approved");
        await services.GetRequiredService<LeaseBook>().DecideAsync(
            ServerId(context), until, approved, context.InputString("decidedBy"), context.InputString("comment"), context.CancellationToken);
        return Done();
    }
}
