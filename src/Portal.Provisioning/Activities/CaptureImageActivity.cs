using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Servers;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>Captures a deployed server (physical or virtual) into a new draft master image whose hardware template is read from the source.</summary>
public sealed class CaptureImageActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "CaptureImage", Category = Category, DisplayName = "Capture image", HasSideEffects = true,
        Description = "Copies the server's disk and reads its hardware into a new draft image (output: imageId).",
        Inputs =
        [
            ServerInput,
            new("name", "string", Description: "The new image's name; '<server> capture' when empty."),
            new("requestedBy", "string", Description: "Who owns the new image; the server's owner when empty.", UiHint: "expression"),
            new("imageId", "string", Description: "The new image's id, when the starter chose it (so it can tell it before the capture ends).", UiHint: "expression"),
        ],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        var imageId = string.IsNullOrEmpty(context.InputString("imageId")) ? (Guid?)null : Id(context, "imageId");
        var image = await services.GetRequiredService<ServerLifecycle>().CaptureAsync(
            ServerId(context), context.IdempotencyKey, context.InputString("name"), context.InputString("requestedBy"), context.CancellationToken, imageId);
        return Done(new JsonObject { ["imageId"] = image.Id.ToString(), ["name"] = image.Name, ["hardware"] = image.Hardware.Summary() });
    }
}
