using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Workflows.Activities;

namespace Portal.Provisioning.Activities;

/// <summary>
/// The base of the provisioning activities. Activities are singletons; each execution gets its own DI scope
/// (stores and the database context are scoped) and hands the real work to <see cref="Deployments.Provisioner"/>
/// or <see cref="Servers.ServerLifecycle"/>. A driver failure is thrown, so the engine records an incident and
/// applies the node's retry policy.
/// </summary>
public abstract class ProvisioningActivity(IServiceScopeFactory scopes) : IActivity
{
    public const string Category = "Provisioning";

    public abstract ActivityDescriptor Descriptor { get; }

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await RunAsync(context, scope.ServiceProvider);
    }

    public async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, BookmarkResume resume)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await OnResumeAsync(context, resume, scope.ServiceProvider);
    }

    protected abstract Task<ActivityResult> RunAsync(ActivityContext context, IServiceProvider services);

    protected virtual Task<ActivityResult> OnResumeAsync(ActivityContext context, BookmarkResume resume, IServiceProvider services) =>
        Task.FromResult(ActivityResult.Complete(ActivityDescriptor.Done, resume.Payload));

    protected static ActivityInputDescriptor DeploymentInput { get; } =
        new("deploymentId", "string", Required: true, Description: "The deployment this step works on.", UiHint: "expression");

    protected static ActivityInputDescriptor ServerInput { get; } =
        new("serverId", "string", Required: true, Description: "The deployed server this step works on.", UiHint: "expression");

    protected static Guid DeploymentId(ActivityContext context) => Id(context, "deploymentId");

    protected static Guid ServerId(ActivityContext context) => Id(context, "serverId");

    protected static Guid Id(ActivityContext context, string input) =>
        Guid.TryParse(context.RequiredString(input), out var id)
            ? id
            : throw new ActivityInputException($"Activity '{context.Node.DisplayName}' ({context.Node.Id}): the input '{input}' is not an id: '{context.InputString(input)}'.");

    protected static ActivityResult Done(JsonObject? output = null) => ActivityResult.Complete(ActivityDescriptor.Done, output);
}
