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
            new("timeout", "duration", Description: "How long to wait for the writer: " + Portal.Workflows.Definitions.DurationRule.Forms + ".", Default: JsonValue.Create("01:00:00")),
        ],
        Outcomes = [ActivityDescriptor.Done, Failed, TimedOut],
    };

    protected override async Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services)
    {
        var timeout = context.InputDuration("timeout") ?? TimeSpan.FromHours(1);
        var deploymentId = DeploymentId(context);
        // A writer may have called back before the deployment got here (its write step committed late): take that report.
        var provisioner = services.GetRequiredService<Provisioner>();
        if (await provisioner.RecordedCallbackAsync(deploymentId, context.CancellationToken) is { } recorded)
        {
            return await TakeAsync(provisioner, deploymentId, recorded, context.CancellationToken);
        }

        return ActivityResult.Wait(new BookmarkRequest(
            BookmarkName, context.Clock.GetUtcNow() + timeout, new JsonObject { ["deploymentId"] = deploymentId.ToString() }));
    }

    protected override async Task<ActivityResult> OnResumeAsync(ActivityContext context, BookmarkResume resume, IServiceProvider services)
    {
        var payload = resume.Payload as JsonObject ?? [];
        var deploymentId = DeploymentId(context);
        var provisioner = services.GetRequiredService<Provisioner>();
        if (payload["timedOut"]?.GetValue<bool>() == true)
        {
            // The report may have been recorded just as the wait ran out: it wins over the timeout.
            if (await provisioner.RecordedCallbackAsync(deploymentId, context.CancellationToken) is { } late)
            {
                return await TakeAsync(provisioner, deploymentId, late, context.CancellationToken);
            }

            var timeout = context.InputDuration("timeout") ?? TimeSpan.FromHours(1);
            await provisioner.RecordTimeoutAsync(deploymentId, timeout, context.CancellationToken);
            return ActivityResult.Complete(TimedOut, new JsonObject { ["message"] = $"The image writer did not call back within {timeout}." });
        }

        var callback = new DeploymentCallback(
            payload["succeeded"]?.GetValue<bool>() == true, payload["message"]?.GetValue<string>(), payload["diskLocation"]?.GetValue<string>());
        return await TakeAsync(provisioner, deploymentId, callback, context.CancellationToken);
    }

    private static async Task<ActivityResult> TakeAsync(Provisioner provisioner, Guid deploymentId, DeploymentCallback callback, CancellationToken cancellationToken)
    {
        await provisioner.RecordCallbackAsync(deploymentId, callback, cancellationToken);
        return ActivityResult.Complete(callback.Succeeded ? ActivityDescriptor.Done : Failed, new JsonObject { ["message"] = callback.Message });
    }
}
