using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Provisioning.Deployments;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>
/// Waits (durably: a bookmark, nothing in memory) for the image writer's callback. <c>Done</c> when it reports
/// success, <c>Failed</c> with its reason, <c>TimedOut</c> when it never calls (a server that did not boot).
/// </summary>
public sealed class WaitForDeploymentCallbackActivity(IServiceScopeFactory scopes) : ProvisioningActivity(scopes)
{
    public const string BookmarkName = "DeploymentCallback";
    public const string Failed = nameof(Failed);
    public const string TimedOut = nameof(TimedOut);

    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "WaitForDeploymentCallback", Category = Category, DisplayName = "Wait for deployment callback",
        Description = "Waits until the image writer on the server calls the portal back, or the timeout passes.",
        Inputs =
        [
            DeploymentInput,
            new("timeout", "duration", Description: "How long to wait for the writer (hh:mm:ss or seconds).", Default: JsonValue.Create("01:00:00")),
        ],
        Outcomes = [ActivityDescriptor.Done, Failed, TimedOut],
    };

    protected override Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        var timeout = context.InputDuration("timeout") ?? TimeSpan.FromHours(1);
        var deploymentId = DeploymentId(context);
        return Task.FromResult(ActivityResult.Wait(new BookmarkRequest(
            BookmarkName, context.Clock.GetUtcNow() + timeout, new JsonObject { ["deploymentId"] = deploymentId.ToString() })));
    }

    protected override async Task<ActivityResult> OnResumeAsync(ActivityContext context, BookmarkResume resume, IServiceProvider services)
    {
        var payload = resume.Payload as JsonObject ?? [];
        var deploymentId = DeploymentId(context);
        var provisioner = services.GetRequiredService<Provisioner>();
        if (payload["timedOut"]?.GetValue<bool>() == true)
        {
            var message = $"The image writer did not call back within {context.InputDuration("timeout") ?? TimeSpan.FromHours(1)}.";
            await provisioner.RecordCallbackAsync(deploymentId, new DeploymentCallback(false, message), context.CancellationToken);
            return ActivityResult.Complete(TimedOut, new JsonObject { ["message"] = message });
        }

        var callback = new DeploymentCallback(
            payload["succeeded"]?.GetValue<bool>() == true, payload["message"]?.GetValue<string>(), payload["diskLocation"]?.GetValue<string>());
        await provisioner.RecordCallbackAsync(deploymentId, callback, context.CancellationToken);
        return ActivityResult.Complete(callback.Succeeded ? ActivityDescriptor.Done : Failed, new JsonObject { ["message"] = callback.Message });
    }
}
