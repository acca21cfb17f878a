using Portal.Domain.Audit;
using Portal.Domain.Validation;
using Portal.Workflows.Definitions;
using Portal.Workflows.Definitions.Format;

namespace Portal.Workflows.Persistence;

/// <summary>
/// The rules of definition versions: drafts are saved as they are (an admin may save work in progress) but never
/// over someone else's newer change, publishing validates and freezes the next version, and shipped definitions
/// are seeded as the next version when the product's copy changed and nobody has touched the definition — an
/// admin's version is never overwritten. A person's publish is recorded in the audit log when one is given (the portal
/// gives it), with the publish's own transaction; seeding a shipped definition is the product's, not an action.
/// </summary>
public sealed class WorkflowDefinitions(IWorkflowDefinitionStore store, DefinitionValidator validator, TimeProvider clock, IAuditLog? audit = null)
{
    /// <summary>Who published a shipped definition: the portal itself, never a person.</summary>
    public const string ShippedBy = "portal";

    /// <summary>The field a publish refused because the draft changed since it was read is reported under (the API answers 409 for it).</summary>
    public const string ConflictField = "revision";

    public Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>The admin list: each definition with its published version, draft, last change and open instances by status.</summary>
    public Task<IReadOnlyList<DefinitionOverview>> OverviewAsync(CancellationToken cancellationToken) => store.OverviewAsync(cancellationToken);

    public Task<StoredDefinition?> FindAsync(string definitionId, int? version, CancellationToken cancellationToken) =>
        store.FindAsync(definitionId, version, cancellationToken);

    /// <summary>The draft and the published versions (number, who, when, comment), newest first.</summary>
    public Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken) =>
        store.ListVersionsAsync(definitionId, cancellationToken);

    /// <summary>What the designer opens: the draft, else the latest published version, with the revision to base the next save on.</summary>
    public async Task<EditableDefinition?> OpenAsync(string definitionId, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(definitionId, StoredDefinition.DraftVersion, cancellationToken)
            ?? await store.FindAsync(definitionId, null, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        // A published version keeps its draft's revision, but the definition's revision is the highest of all rows.
        var revision = (await store.ListVersionsAsync(definitionId, cancellationToken)).Select(v => v.Revision).DefaultIfEmpty(0).Max();
        return new EditableDefinition(stored.Definition, stored.Version, revision, stored.SavedBy, stored.SavedAt);
    }

    /// <summary>
    /// Saves the draft if nobody changed the definition since revision <paramref name="basedOn"/> (null: only when
    /// there is no draft yet). Otherwise nothing is written and the result names who changed it and when.
    /// </summary>
    public Task<DraftSaveResult> SaveDraftAsync(WorkflowDefinition definition, string? author, long? basedOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Id?.Length > WorkflowDefinitionLimits.IdLength)
        {
            return Task.FromResult(DraftSaveResult.Refused("id", $"A workflow id may be at most {WorkflowDefinitionLimits.IdLength} characters long."));
        }

        if (definition.Name?.Length > WorkflowDefinitionLimits.NameLength)
        {
            return Task.FromResult(DraftSaveResult.Refused("name", $"A workflow name may be at most {WorkflowDefinitionLimits.NameLength} characters long."));
        }

        return store.SaveDraftAsync(definition, author, clock.GetUtcNow(), basedOn, cancellationToken);
    }

    /// <summary>Saves a draft where there is none yet (a new definition, an import, a first edit); refused over an existing draft.</summary>
    public Task<DraftSaveResult> SaveDraftAsync(WorkflowDefinition definition, string? author, CancellationToken cancellationToken) =>
        SaveDraftAsync(definition, author, null, cancellationToken);

    /// <summary>Creates a definition as a draft; refused when a definition with its id exists.</summary>
    public async Task<DraftSaveResult> CreateAsync(WorkflowDefinition definition, string? author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (WorkflowDefinitionFormat.Check(definition) is { Count: > 0 } errors)
        {
            return new DraftSaveResult { Errors = errors };
        }

        if ((await store.ListVersionsAsync(definition.Id, cancellationToken)).Count > 0)
        {
            return DraftSaveResult.Refused("id", $"A workflow with the id '{definition.Id}' exists already; choose another id.");
        }

        // Two creations of the same id race on the draft's key: one of them is a conflict.
        return await SaveDraftAsync(definition, author, null, cancellationToken);
    }

    /// <summary>A copy of a definition (its draft, else its latest published version) under a new id, as a draft.</summary>
    public async Task<DraftSaveResult> DuplicateAsync(string definitionId, string newId, string? newName, string? author, CancellationToken cancellationToken)
    {
        var source = await OpenAsync(definitionId, cancellationToken);
        if (source is null)
        {
            return DraftSaveResult.Refused("id", $"There is no workflow '{definitionId}' to duplicate.");
        }

        var copy = source.Definition with
        {
            Id = newId,
            Name = string.IsNullOrWhiteSpace(newName) ? $"{source.Definition.Name} (copy)" : newName,
        };
        return await CreateAsync(copy, author, cancellationToken);
    }

    /// <summary>Makes a version (published or the draft) the draft again, based on <paramref name="basedOn"/> like any save.</summary>
    public async Task<DraftSaveResult> RevertDraftAsync(string definitionId, int version, string? author, long? basedOn, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(definitionId, version, cancellationToken);
        return stored is null
            ? DraftSaveResult.Refused("version", $"The workflow '{definitionId}' has no version {version}.")
            : await SaveDraftAsync(stored.Definition, author, basedOn, cancellationToken);
    }

    /// <summary>Deletes the draft if it is still at revision <paramref name="basedOn"/>. Published versions are never deleted.</summary>
    public Task<DraftSaveResult> DeleteDraftAsync(string definitionId, long basedOn, CancellationToken cancellationToken) =>
        store.DeleteDraftAsync(definitionId, basedOn, cancellationToken);

    /// <summary>Publishes the draft as the next version, or returns what stops it, naming activity and field.</summary>
    public Task<ValidationResult<StoredDefinition>> PublishAsync(string definitionId, string? author, CancellationToken cancellationToken) =>
        PublishAsync(definitionId, author, null, null, cancellationToken);

    /// <summary>
    /// Publishes the draft as the next version with a version comment, or returns what stops it (validation errors
    /// naming activity and field). With <paramref name="basedOn"/>, the draft must still be at that revision: an admin
    /// publishes what they saw.
    /// </summary>
    public async Task<ValidationResult<StoredDefinition>> PublishAsync(string definitionId, string? author, string? comment, long? basedOn, CancellationToken cancellationToken)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment?.Length > WorkflowDefinitionLimits.CommentLength)
        {
            return ValidationResult<StoredDefinition>.Failure("comment", $"A version comment may be at most {WorkflowDefinitionLimits.CommentLength} characters long.");
        }

        var draft = await store.FindAsync(definitionId, StoredDefinition.DraftVersion, cancellationToken);
        if (draft is null)
        {
            return ValidationResult<StoredDefinition>.Failure("draft", $"The workflow '{definitionId}' has no draft to publish.");
        }

        if (basedOn is { } expected && draft.Revision != expected)
        {
            return ValidationResult<StoredDefinition>.Failure(ConflictField, new DraftConflict(draft.SavedBy, draft.SavedAt, draft.Revision).Message);
        }

        var errors = validator.Validate(draft.Definition);
        if (errors.Count > 0)
        {
            return ValidationResult<StoredDefinition>.Failure(errors);
        }

        var now = clock.GetUtcNow();
        var version = audit is null
            ? await store.PublishAsync(draft.Definition, author, now, comment, draft.Revision, cancellationToken)
            : await audit.RecordWithAsync(
                new AuditEntry(AuditAction.WorkflowPublished, AuditTarget.Workflow(definitionId, draft.Definition.Name), comment is null ? "Published the draft." : $"Published the draft: {comment}"),
                () => store.PublishAsync(draft.Definition, author, now, comment, draft.Revision, cancellationToken), published => published is not null, cancellationToken);
        if (version is null)
        {
            var changed = await store.FindAsync(definitionId, StoredDefinition.DraftVersion, cancellationToken);
            return ValidationResult<StoredDefinition>.Failure(
                ConflictField,
                changed is null
                    ? "The draft was published or deleted by someone else meanwhile; nothing was published."
                    : new DraftConflict(changed.SavedBy, changed.SavedAt, changed.Revision).Message);
        }

        return ValidationResult<StoredDefinition>.Success(new StoredDefinition(draft.Definition, version.Value, true, now, author, draft.Revision, comment));
    }

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
