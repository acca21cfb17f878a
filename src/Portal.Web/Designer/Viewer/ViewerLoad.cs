using Portal.Workflows.Persistence;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// What the viewer found for an instance id: nothing, an instance whose definition version is gone, or the
/// instance over its diagram.
/// </summary>
public sealed record ViewerLoad(InstanceDiagram? Diagram, bool InstanceExists, string? DefinitionId = null, int? Version = null)
{
    public static ViewerLoad NotFound { get; } = new(null, false);

    /// <summary>
    /// Loads the instance and the definition version it runs on (a test run's snapshot too, which is not published)
    /// and lays one over the other, in the caller's scope.
    /// </summary>
    public static async Task<ViewerLoad> LoadAsync(IServiceProvider services, string instanceId, CancellationToken cancellationToken)
    {
        var state = await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(instanceId, cancellationToken);
        if (state is null)
        {
            return NotFound;
        }

        var stored = await services.GetRequiredService<WorkflowDefinitions>().FindAsync(state.DefinitionId, state.DefinitionVersion, cancellationToken);
        return stored is null
            ? new ViewerLoad(null, true, state.DefinitionId, state.DefinitionVersion)
            : new ViewerLoad(InstanceDiagram.From(state, stored.Definition), true, state.DefinitionId, state.DefinitionVersion);
    }
}
