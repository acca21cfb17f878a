using Microsoft.Extensions.Options;
using Portal.Data.Resilience;
using Portal.Data.Workflows;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Expressions;
using Portal.Workflows.Hosting;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;
using Portal.Workflows.Telemetry;

namespace Portal.Web.Workflows;

public static class WorkflowServiceExtensions
{
    /// <summary>
    /// The workflow engine: the built-in activities plus any <see cref="IActivity"/> registered in DI (the
    /// provisioning activities), the sandboxed expressions, the validator, the definition store and the runner.
    /// </summary>
    public static IServiceCollection AddPortalWorkflows(this IServiceCollection services)
    {
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new ActivityRegistry(
            ActivityRegistry.Discover(typeof(ActivityRegistry).Assembly).Concat(sp.GetServices<IActivity>())));
        services.AddSingleton<IExpressionEvaluator>(new JintExpressionEvaluator());
        // One meter per host (IMeterFactory), shared by the runner and every engine.
        services.AddSingleton(sp => sp.GetService<System.Diagnostics.Metrics.IMeterFactory>() is { } meters ? new WorkflowTelemetry(meters) : WorkflowTelemetry.Unobserved);
        services.AddSingleton<DefinitionValidator>();
        services.AddSingleton(sp => new WorkflowRunner(
            sp.GetRequiredService<ActivityRegistry>(), sp.GetRequiredService<IExpressionEvaluator>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WorkflowRunner>>())
        {
            // Durable runs commit "started, key K" before a side effect acts (see the engine's README).
            CheckpointBeforeSideEffects = true,
            StepBudget = sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.StepBudget,
            TotalStepBudget = sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.TotalStepBudget,
            // The portal's database unreachable is no activity's fault: the step runs again once it is back.
            IsTransientFailure = DatabaseFailures.IsTransient,
            Telemetry = sp.GetRequiredService<WorkflowTelemetry>(),
        });
        services.AddScoped<IWorkflowDefinitionStore, EfWorkflowDefinitionStore>();
        services.AddScoped<WorkflowDefinitions>();
        services.AddScoped<ShippedWorkflowSeeder>();
        services.AddScoped<IWorkflowInstanceStore, EfWorkflowInstanceStore>();
        services.AddScoped<WorkflowInstanceListReader>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.ToEngineOptions());
        services.AddSingleton<PublishedDefinitionCache>();
        // Concurrent requests' starts and resumes share one transaction (one disk sync) per batch.
        services.AddSingleton<WorkflowGroupCommit>();
        services.AddScoped<WorkflowEngine>();
        services.AddSingleton<WorkflowWakeup>();
        services.AddHostedService<WorkflowWorker>();
        return services;
    }
}
