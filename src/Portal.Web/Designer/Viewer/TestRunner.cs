using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Portal.Domain.Validation;
using Portal.Provisioning;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Requests;
using Portal.Web.Workflows;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Hosting;
using Portal.Workflows.Persistence;

namespace Portal.Web.Designer.Viewer;

/// <summary>
/// Runs a draft with sample inputs, durably, on the engine and worker every instance uses, so the viewer can watch it.
/// A draft cannot run (only frozen versions do, and a draft changes with every save), and it must never become what
/// new requests start. So a test run freezes the draft as the next published version of a sibling workflow,
/// <c>ID.test-run</c> — one no catalog item or request names — and starts that version, pinned, with the
/// correlation id <c>test-run</c>. The draft, the workflow's published versions and what requests run stay untouched.
/// <para>
/// It never reaches real infrastructure: a draft with provisioning activities runs only while the portal's drivers
/// are the simulated datacenter (<c>Portal:Provisioning:Drivers</c> = Simulated, the default), and sample inputs may
/// not name a real request, deployment or server.
/// </para>
/// </summary>
public sealed class TestRunner(
    WorkflowDefinitions definitions, IWorkflowDefinitionStore store, DefinitionValidator validator, WorkflowEngine engine, ActivityRegistry activities,
    IOptions<ProvisioningOptions> provisioning, IRequestStore requests, IDeploymentStore deployments, WorkflowWakeup wakeup, TimeProvider clock)
{
    public const string Suffix = ".test-run";
    public const string CorrelationId = "test-run";
    public const string SimulatedOnly =
        "This draft has provisioning activities and the portal drives real infrastructure (Portal:Provisioning:Drivers is Real): test runs use the simulated datacenter only.";

    /// <summary>The sibling workflow a definition's test runs are versions of.</summary>
    public static string SnapshotId(string definitionId) => definitionId + Suffix;

    /// <summary>Whether a definition id is a test-run sibling; its instances are test runs.</summary>
    public static bool IsTestRun(string definitionId) => definitionId.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>The workflow a test-run sibling belongs to.</summary>
    public static string OriginalId(string definitionId) => IsTestRun(definitionId) ? definitionId[..^Suffix.Length] : definitionId;

    /// <summary>The draft to run, or null when the workflow has none.</summary>
    public async Task<StoredDefinition?> DraftAsync(string definitionId, CancellationToken cancellationToken) =>
        IsTestRun(definitionId) ? null : await definitions.FindAsync(definitionId, StoredDefinition.DraftVersion, cancellationToken);

    /// <summary>Why the draft cannot run against the simulated datacenter here, or null when it can.</summary>
    public string? Refusal(WorkflowDefinition draft) =>
        provisioning.Value.Drivers == DriverMode.Real && draft.Activities.Any(a => activities.Find(a.Type)?.Descriptor is { } d && (d.HasSideEffects || d.Category == Portal.Provisioning.Activities.ProvisioningActivity.Category))
            ? SimulatedOnly
            : null;

    /// <summary>Freezes the draft as the next test-run version and starts it; returns the new instance's id or what stops it.</summary>
    public async Task<ValidationResult<string>> StartAsync(string definitionId, JsonObject inputs, string? author, CancellationToken cancellationToken)
    {
        if (await DraftAsync(definitionId, cancellationToken) is not { } draft)
        {
            return ValidationResult<string>.Failure("draft", $"The workflow '{definitionId}' has no draft to test: edit and save one in the designer first.");
        }

        var errors = validator.Validate(draft.Definition);
        if (errors.Count > 0)
        {
            return ValidationResult<string>.Failure(errors);
        }

        if (Refusal(draft.Definition) is { } refusal)
        {
            return ValidationResult<string>.Failure("drivers", refusal);
        }

        if (await RealRecordAsync(inputs, cancellationToken) is { } real)
        {
            return ValidationResult<string>.Failure("inputs", real);
        }

        var snapshot = draft.Definition with { Id = SnapshotId(definitionId), Name = $"{draft.Definition.Name} (test run)" };
        var version = await store.PublishAsync(snapshot, author, clock.GetUtcNow(), cancellationToken);
        var started = await engine.StartAsync(snapshot.Id, inputs, CorrelationId, cancellationToken, version);
        if (!started.IsValid)
        {
            return ValidationResult<string>.Failure(started.Errors);
        }

        wakeup.Nudge();
        return ValidationResult<string>.Success(started.Value.InstanceId);
    }

    /// <summary>A sentence naming the first id in the inputs that is a real request, deployment or server; null when none is.</summary>
    private async Task<string?> RealRecordAsync(JsonNode? inputs, CancellationToken cancellationToken)
    {
        foreach (var id in Ids(inputs))
        {
            if (await requests.FindAsync(id, cancellationToken) is not null)
            {
                return $"{id} is a real request: a test run must not act on it. Use made-up ids.";
            }

            if (await deployments.FindAsync(id, cancellationToken) is not null || await deployments.FindServerAsync(id, cancellationToken) is not null)
            {
                return $"{id} is a real deployment or server: a test run must not act on it. Use made-up ids.";
            }
        }

        return null;
    }

    private static IEnumerable<Guid> Ids(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Ids(p.Value)),
        JsonArray array => array.SelectMany(Ids),
        JsonValue value when value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id) => [id],
        _ => [],
    };
}
