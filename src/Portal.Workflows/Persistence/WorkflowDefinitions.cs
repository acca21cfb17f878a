using Portal.Domain.Validation;
using Portal.Workflows.Definitions;

namespace Portal.Workflows.Persistence;

/// <summary>
/// The rules of definition versions: drafts are saved as they are (an admin may save work in progress),
/// publishing validates and freezes the next version, and shipped definitions are seeded as the next version
/// when the product's copy changed and nobody has touched the definition — an admin's version is never overwritten.
/// </summary>
public sealed class WorkflowDefinitions(IWorkflowDefinitionStore store, DefinitionValidator validator, TimeProvider clock)
{
    public Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public Task<StoredDefinition?> FindAsync(string definitionId, int? version, CancellationToken cancellationToken) =>
        store.FindAsync(definitionId, version, cancellationToken);

    public async Task SaveDraftAsync(WorkflowDefinition definition, string? author, CancellationToken cancellationToken) =>
        await store.SaveDraftAsync(definition, author, clock.GetUtcNow(), cancellationToken);

    /// <summary>Publishes the draft as the next version, or returns what stops it, naming activity and field.</summary>
    public async Task<ValidationResult<StoredDefinition>> PublishAsync(string definitionId, string? author, CancellationToken cancellationToken)
    {
        var draft = await store.FindAsync(definitionId, StoredDefinition.DraftVersion, cancellationToken);
        if (draft is null)
        {
            return ValidationResult<StoredDefinition>.Failure("draft", $"The workflow '{definitionId}' has no draft to publish.");
        }

        var errors = validator.Validate(draft.Definition);
        if (errors.Count > 0)
        {
            return ValidationResult<StoredDefinition>.Failure(errors);
        }

        var now = clock.GetUtcNow();
        var version = await store.PublishAsync(draft.Definition, author, now, cancellationToken);
        return ValidationResult<StoredDefinition>.Success(new StoredDefinition(draft.Definition, version, true, now, author));
    }

    /// <summary>Who published a shipped definition: the portal itself, never a person.</summary>
    public const string ShippedBy = "portal";

    /// <summary>
    /// Publishes a shipped definition: as version 1 when its id is new, and as the next version when the product
    /// ships a changed one and nobody has touched it since (the latest version is the portal's own and there is no
    /// draft). An admin's version or draft is never overwritten. Returns whether it published. A shipped definition
    /// that does not validate is a bug in the product: it throws.
    /// </summary>
    public async Task<bool> SeedAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var latest = await store.FindAsync(definition.Id, null, cancellationToken);
        if (await store.FindAsync(definition.Id, StoredDefinition.DraftVersion, cancellationToken) is not null
            || latest is not null && (latest.SavedBy != ShippedBy || WorkflowDefinitionJson.Write(latest.Definition) == WorkflowDefinitionJson.Write(definition)))
        {
            return false;
        }

        var errors = validator.Validate(definition);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"The shipped workflow '{definition.Id}' is invalid: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }

        await store.PublishAsync(definition, ShippedBy, clock.GetUtcNow(), cancellationToken);
        return true;
    }
}
