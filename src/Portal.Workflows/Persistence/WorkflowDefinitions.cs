using Portal.Domain.Validation;
using Portal.Workflows.Definitions;

namespace Portal.Workflows.Persistence;

/// <summary>
/// The rules of definition versions: drafts are saved as they are (an admin may save work in progress),
/// publishing validates and freezes the next version, and shipped definitions are seeded as version 1 only
/// where the id has no version yet — an admin's newer version is never overwritten.
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

    /// <summary>
    /// Publishes a shipped definition as version 1 when its id is new. Returns false when the id already has
    /// a version or a draft. A shipped definition that does not validate is a bug in the product: it throws.
    /// </summary>
    public async Task<bool> SeedAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(definition.Id, null, cancellationToken) is not null
            || await store.FindAsync(definition.Id, StoredDefinition.DraftVersion, cancellationToken) is not null)
        {
            return false;
        }

        var errors = validator.Validate(definition);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"The shipped workflow '{definition.Id}' is invalid: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }

        await store.PublishAsync(definition, "portal", clock.GetUtcNow(), cancellationToken);
        return true;
    }
}
