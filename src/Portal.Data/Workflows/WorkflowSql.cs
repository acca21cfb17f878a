using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Data.Workflows;

/// <summary>
/// The statements of the engine's hot path (store new instances, lease one at rest, commit a step), as plain SQL
/// run on the context's own connection and transaction: no change tracking, no LINQ translation, and one
/// prepared command per statement for a whole batch. Table and column names and every parameter's type come
/// from the EF model of the provider at hand, so value conversions are EF's own (on SQLite, for instance, a
/// DateTimeOffset is a number) and the statements fit SQLite, PostgreSQL and SQL Server alike.
/// </summary>
internal sealed class WorkflowSql
{
    private static readonly ConditionalWeakTable<IModel, WorkflowSql> Cache = [];

    private WorkflowSql(DbContext db)
    {
        var helper = db.GetService<ISqlGenerationHelper>();
        var i = new Table(db.Model, typeof(WorkflowInstanceRecord), helper);
        var w = new Table(db.Model, typeof(WorkItemRecord), helper);
        var b = new Table(db.Model, typeof(BookmarkIndexRecord), helper);
        const string Id = nameof(WorkflowInstanceRecord.Id);
        const string LeaseOwner = nameof(WorkflowInstanceRecord.LeaseOwner);
        const string LeaseExpiresAt = nameof(WorkflowInstanceRecord.LeaseExpiresAt);
        const string Fence = nameof(WorkflowInstanceRecord.Fence);
        const string Revision = nameof(WorkflowInstanceRecord.Revision);

        InsertInstance = new Builder(helper).Insert(i,
            Id, nameof(WorkflowInstanceRecord.DefinitionId), nameof(WorkflowInstanceRecord.DefinitionVersion), nameof(WorkflowInstanceRecord.Status),
            nameof(WorkflowInstanceRecord.CorrelationId), nameof(WorkflowInstanceRecord.StateJson), Revision, Fence,
            nameof(WorkflowInstanceRecord.CreatedAt), nameof(WorkflowInstanceRecord.UpdatedAt));
        InsertBookmark = new Builder(helper).Insert(b,
            nameof(BookmarkIndexRecord.BookmarkId), nameof(BookmarkIndexRecord.InstanceId), nameof(BookmarkIndexRecord.Name), nameof(BookmarkIndexRecord.CorrelationId));
        InsertWork = new Builder(helper).Insert(w,
            nameof(WorkItemRecord.Id), nameof(WorkItemRecord.InstanceId), nameof(WorkItemRecord.Kind), nameof(WorkItemRecord.BookmarkId),
            nameof(WorkItemRecord.PayloadJson), nameof(WorkItemRecord.DueAt));

        // At rest: suspended, nobody holds it, and none of its work is due or claimed (a timer not yet due is fine).
        var lease = new Builder(helper);
        lease.Sql($"UPDATE {i} SET {i[LeaseOwner]} = ").P("owner", i, LeaseOwner)
            .Sql($", {i[LeaseExpiresAt]} = ").P("until", i, LeaseExpiresAt)
            .Sql($", {i[Fence]} = {i[Fence]} + 1 WHERE {i[Id]} = ").P("id", i, Id)
            .Sql($" AND {i[nameof(WorkflowInstanceRecord.Status)]} = ").P("suspended", i, nameof(WorkflowInstanceRecord.Status))
            .Sql($" AND ({i[LeaseOwner]} IS NULL OR {i[LeaseExpiresAt]} < ").P("now", i, LeaseExpiresAt)
            .Sql($") AND NOT EXISTS (SELECT 1 FROM {w} WHERE {w[nameof(WorkItemRecord.InstanceId)]} = ").P("id", i, Id)
            .Sql($" AND ({w[nameof(WorkItemRecord.Kind)]} <> ").P("timer", w, nameof(WorkItemRecord.Kind))
            .Sql($" OR {w[nameof(WorkItemRecord.DueAt)]} <= ").P("due", w, nameof(WorkItemRecord.DueAt))
            .Sql($" OR {w[nameof(WorkItemRecord.ClaimedBy)]} IS NOT NULL))");
        LeaseAtRest = lease.Build();

        ReadLeased = new Builder(helper)
            .Sql($"SELECT {i[Fence]}, {i[Revision]}, {i[nameof(WorkflowInstanceRecord.StateJson)]} FROM {i} WHERE {i[Id]} = ").P("id", i, Id)
            .Build();

        CommitState = new Builder(helper)
            .Sql($"UPDATE {i} SET {i[nameof(WorkflowInstanceRecord.StateJson)]} = ").P("json", i, nameof(WorkflowInstanceRecord.StateJson))
            .Sql($", {i[nameof(WorkflowInstanceRecord.Status)]} = ").P("status", i, nameof(WorkflowInstanceRecord.Status))
            .Sql($", {i[Revision]} = ").P("next", i, Revision)
            .Sql($", {i[nameof(WorkflowInstanceRecord.UpdatedAt)]} = ").P("updated", i, nameof(WorkflowInstanceRecord.UpdatedAt))
            .Sql($", {i[LeaseOwner]} = NULL, {i[LeaseExpiresAt]} = NULL WHERE {i[Id]} = ").P("id", i, Id)
            .Sql($" AND {i[Fence]} = ").P("fence", i, Fence)
            .Sql($" AND {i[Revision]} = ").P("revision", i, Revision)
            .Sql($" AND {i[LeaseOwner]} = ").P("owner", i, LeaseOwner)
            .Build();

        Release = new Builder(helper)
            .Sql($"UPDATE {i} SET {i[LeaseOwner]} = NULL, {i[LeaseExpiresAt]} = NULL WHERE {i[Id]} = ").P("id", i, Id)
            .Sql($" AND {i[Fence]} = ").P("fence", i, Fence)
            .Sql($" AND {i[LeaseOwner]} = ").P("owner", i, LeaseOwner)
            .Build();

        DeleteWork = new Builder(helper).Sql($"DELETE FROM {w} WHERE {w[nameof(WorkItemRecord.Id)]} = ").P("id", w, nameof(WorkItemRecord.Id)).Build();
        UnclaimWork = new Builder(helper)
            .Sql($"UPDATE {w} SET {w[nameof(WorkItemRecord.ClaimedBy)]} = NULL, {w[nameof(WorkItemRecord.ClaimExpiresAt)]} = NULL WHERE {w[nameof(WorkItemRecord.Id)]} = ")
            .P("id", w, nameof(WorkItemRecord.Id))
            .Build();
        GiveBackWork = new Builder(helper)
            .Sql($"UPDATE {w} SET {w[nameof(WorkItemRecord.ClaimedBy)]} = NULL, {w[nameof(WorkItemRecord.ClaimExpiresAt)]} = NULL, {w[nameof(WorkItemRecord.DueAt)]} = ")
            .P("due", w, nameof(WorkItemRecord.DueAt))
            .Sql($" WHERE {w[nameof(WorkItemRecord.Id)]} = ").P("id", w, nameof(WorkItemRecord.Id))
            .Sql($" AND {w[nameof(WorkItemRecord.ClaimedBy)]} = ").P("owner", w, nameof(WorkItemRecord.ClaimedBy))
            .Build();
        DeleteTimers = new Builder(helper)
            .Sql($"DELETE FROM {w} WHERE {w[nameof(WorkItemRecord.InstanceId)]} = ").P("id", w, nameof(WorkItemRecord.InstanceId))
            .Sql($" AND {w[nameof(WorkItemRecord.Kind)]} = ").P("timer", w, nameof(WorkItemRecord.Kind))
            .Sql($" AND {w[nameof(WorkItemRecord.BookmarkId)]} = ").P("bookmark", w, nameof(WorkItemRecord.BookmarkId))
            .Build();
        DeleteInstanceWork = new Builder(helper)
            .Sql($"DELETE FROM {w} WHERE {w[nameof(WorkItemRecord.InstanceId)]} = ").P("id", w, nameof(WorkItemRecord.InstanceId))
            .Build();
        var d = new Table(db.Model, typeof(WorkflowDefinitionRecord), helper);
        LatestVersion = new Builder(helper)
            .Sql($"SELECT MAX({d[nameof(WorkflowDefinitionRecord.Version)]}) FROM {d} WHERE {d[nameof(WorkflowDefinitionRecord.DefinitionId)]} = ")
            .P("id", d, nameof(WorkflowDefinitionRecord.DefinitionId))
            .Sql($" AND {d[nameof(WorkflowDefinitionRecord.IsPublished)]} = ").P("published", d, nameof(WorkflowDefinitionRecord.IsPublished))
            .Build();

        DeleteBookmarks = new Builder(helper)
            .Sql($"DELETE FROM {b} WHERE {b[nameof(BookmarkIndexRecord.InstanceId)]} = ").P("id", b, nameof(BookmarkIndexRecord.InstanceId))
            .Build();
    }

    /// <summary>Id, DefinitionId, DefinitionVersion, Status, CorrelationId, StateJson, Revision, Fence, CreatedAt, UpdatedAt.</summary>
    public Statement InsertInstance { get; }

    /// <summary>BookmarkId, InstanceId, Name, CorrelationId.</summary>
    public Statement InsertBookmark { get; }

    /// <summary>Id, InstanceId, Kind, BookmarkId, PayloadJson, DueAt.</summary>
    public Statement InsertWork { get; }

    /// <summary>owner, until, id, suspended, now, timer, due (= now).</summary>
    public Statement LeaseAtRest { get; }

    /// <summary>id → Fence, Revision, StateJson.</summary>
    public Statement ReadLeased { get; }

    /// <summary>json, status, next revision, updated, id, fence, revision, owner.</summary>
    public Statement CommitState { get; }

    /// <summary>id, fence, owner.</summary>
    public Statement Release { get; }

    /// <summary>id.</summary>
    public Statement DeleteWork { get; }

    /// <summary>id.</summary>
    public Statement UnclaimWork { get; }

    /// <summary>instance id.</summary>
    public Statement DeleteBookmarks { get; }

    /// <summary>due, id, owner: a claimed item handed back, due again at <c>due</c>.</summary>
    public Statement GiveBackWork { get; }

    /// <summary>instance id, timer kind, bookmark id.</summary>
    public Statement DeleteTimers { get; }

    /// <summary>instance id: all its work.</summary>
    public Statement DeleteInstanceWork { get; }

    /// <summary>definition id, published (= true) → the latest published version, or null.</summary>
    public Statement LatestVersion { get; }

    public static WorkflowSql For(DbContext db) => Cache.GetValue(db.Model, _ => new WorkflowSql(db));

    /// <summary>A table of the model: its delimited name, and its columns' delimited names and type mappings by property.</summary>
    private sealed class Table(IModel model, Type record, ISqlGenerationHelper helper)
    {
        private readonly IEntityType entity = model.FindEntityType(record) ?? throw new InvalidOperationException($"{record.Name} is not in the model.");

        public string this[string property] => helper.DelimitIdentifier(Property(property).GetColumnName());

        public RelationalTypeMapping Mapping(string property) => Property(property).GetRelationalTypeMapping();

        public override string ToString() => helper.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());

        private IProperty Property(string name) => entity.FindProperty(name) ?? throw new InvalidOperationException($"{entity.DisplayName()} has no property {name}.");
    }

    private sealed class Builder(ISqlGenerationHelper helper)
    {
        private readonly StringBuilder text = new();
        private readonly List<(string Name, RelationalTypeMapping Mapping)> parameters = [];

        public Builder Sql(string sql)
        {
            text.Append(sql);
            return this;
        }

        /// <summary>A parameter typed like <paramref name="property"/>; a name used twice is one parameter.</summary>
        public Builder P(string name, Table table, string property)
        {
            if (!parameters.Exists(p => p.Name == name))
            {
                parameters.Add((name, table.Mapping(property)));
            }

            text.Append(helper.GenerateParameterNamePlaceholder(name));
            return this;
        }

        public Statement Insert(Table table, params string[] properties)
        {
            Sql($"INSERT INTO {table} ({string.Join(", ", properties.Select(p => table[p]))}) VALUES (");
            for (var k = 0; k < properties.Length; k++)
            {
                Sql(k == 0 ? "" : ", ").P($"p{k}", table, properties[k]);
            }

            return Sql(")").Build();
        }

        public Statement Build() => new(text.ToString(), parameters.Select(p => (helper.GenerateParameterName(p.Name), p.Mapping)).ToArray());
    }
}
