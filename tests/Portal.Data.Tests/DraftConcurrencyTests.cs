using Microsoft.Extensions.Time.Testing;
using Portal.Data.Workflows;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Expressions;
using Portal.Workflows.Persistence;
using Portal.Workflows.Runtime;

namespace Portal.Data.Tests;

/// <summary>
/// What the designer relies on from the definition store, on a real SQLite file and a real PostgreSQL server: a save
/// based on a stale revision writes nothing and names who changed the draft and when, of two concurrent saves from
/// two nodes exactly one is written, and the history (versions with comments, revert, duplicate, delete) holds.
/// </summary>
public sealed class DraftConcurrencyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSql" };

    private static WorkflowDefinition Definition(string message, string id = "designed") => new()
    {
        Id = id,
        Name = "Designed",
        Activities =
        [
            new ActivityNode { Id = "start", Type = "Start" },
            new ActivityNode { Id = "say", Type = "Log", Inputs = new Dictionary<string, InputValue> { ["message"] = InputValue.Literal(message) } },
            new ActivityNode { Id = "end", Type = "End" },
        ],
        Connections = [new Connection("start", "Done", "say"), new Connection("say", "Done", "end")],
    };

    private static WorkflowDefinitions Node(TestDatabase database, FakeTimeProvider clock) =>
        new(new EfWorkflowDefinitionStore(database.NewContext()), new DefinitionValidator(ActivityRegistry.BuiltIn(), new JintExpressionEvaluator()), clock);

    private static string? Message(WorkflowDefinition? definition) => definition?.Find("say")?.Inputs["message"].Value?.GetValue<string>();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_save_based_on_a_stale_revision_is_refused_naming_who_saved_since_and_writes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var sam = Node(database, clock);
        var alex = Node(database, clock);
        Assert.True((await sam.CreateAsync(Definition("first"), "sam", Token)).IsSaved);

        var samOpened = await sam.OpenAsync("designed", Token);
        var alexOpened = await alex.OpenAsync("designed", Token);
        Assert.Equal(samOpened!.Revision, alexOpened!.Revision);
        clock.Advance(TimeSpan.FromMinutes(3));
        var alexSaved = await alex.SaveDraftAsync(Definition("alex's"), "alex", alexOpened.Revision, Token);
        Assert.True(alexSaved.IsSaved);
        clock.Advance(TimeSpan.FromMinutes(1));

        var samSaved = await sam.SaveDraftAsync(Definition("sam's"), "sam", samOpened.Revision, Token);

        Assert.False(samSaved.IsSaved);
        Assert.Equal("alex", samSaved.Conflict!.ChangedBy);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 9, 3, 0, TimeSpan.Zero), samSaved.Conflict.ChangedAt);
        Assert.Contains("changed by alex at 2026-12-07 09:03:00 UTC", samSaved.Conflict.Message, StringComparison.Ordinal);
        Assert.Equal(alexSaved.Revision, samSaved.Conflict.CurrentRevision);
        var stored = await Node(database, clock).OpenAsync("designed", Token);
        Assert.Equal("alex's", Message(stored!.Definition));
        Assert.Equal(alexSaved.Revision, stored.Revision);

        // Based on what is there now, the save goes through.
        Assert.True((await sam.SaveDraftAsync(Definition("sam's"), "sam", samSaved.Conflict.CurrentRevision, Token)).IsSaved);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Of_two_concurrent_saves_from_two_nodes_exactly_one_is_written(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var created = await Node(database, clock).CreateAsync(Definition("first"), "sam", Token);

        for (var round = 0; round < 5; round++)
        {
            var basedOn = (await Node(database, clock).OpenAsync("designed", Token))!.Revision;
            var nodes = Enumerable.Range(0, 2).Select(_ => Node(database, clock)).ToList();
            var results = await Task.WhenAll(nodes.Select((node, i) => node.SaveDraftAsync(Definition($"round {round} by {i}"), $"admin-{i}", basedOn, Token)));

            var winner = Assert.Single(results, r => r.IsSaved);
            var loser = Assert.Single(results, r => !r.IsSaved);
            Assert.NotNull(loser.Conflict);
            var stored = await Node(database, clock).OpenAsync("designed", Token);
            Assert.Equal($"round {round} by {Array.IndexOf(results, winner)}", Message(stored!.Definition));
            Assert.Equal(winner.Revision, stored.Revision);
        }

        Assert.True(created.IsSaved);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_concurrent_creations_of_one_id_write_one_draft(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var nodes = Enumerable.Range(0, 2).Select(_ => Node(database, clock)).ToList();

        var results = await Task.WhenAll(nodes.Select((node, i) => node.CreateAsync(Definition($"by {i}"), $"admin-{i}", Token)));

        Assert.Single(results, r => r.IsSaved);
        Assert.Single(results, r => !r.IsSaved);
        var versions = await Node(database, clock).ListVersionsAsync("designed", Token);
        Assert.Equal(StoredDefinition.DraftVersion, Assert.Single(versions).Version);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task History_lists_versions_with_comments_and_a_revert_and_a_duplicate_and_a_delete_keep_published_versions(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var definitions = Node(database, clock);
        await definitions.CreateAsync(Definition("one"), "sam", Token);
        Assert.Equal(1, (await definitions.PublishAsync("designed", "sam", "  first cut ", null, Token)).Value.Version);
        clock.Advance(TimeSpan.FromHours(1));
        var draft = await definitions.SaveDraftAsync(Definition("two"), "alex", Token);
        Assert.True((await definitions.PublishAsync("designed", "alex", "adds nothing", draft.Revision, Token)).IsValid);
        clock.Advance(TimeSpan.FromHours(1));
        var third = await definitions.SaveDraftAsync(Definition("three"), "sam", Token);

        var versions = await definitions.ListVersionsAsync("designed", Token);
        Assert.Equal([0, 2, 1], versions.Select(v => v.Version));
        Assert.Equal(new string?[] { null, "adds nothing", "first cut" }, versions.Select(v => v.Comment));
        Assert.Equal(new string?[] { "sam", "alex", "sam" }, versions.Select(v => v.SavedBy));
        Assert.Equal("one", Message((await definitions.FindAsync("designed", 1, Token))!.Definition));

        // Revert the draft to version 1: the draft is version 1's content, version 2 is untouched.
        var reverted = await definitions.RevertDraftAsync("designed", 1, "sam", third.Revision, Token);
        Assert.True(reverted.IsSaved);
        Assert.Equal("one", Message((await definitions.OpenAsync("designed", Token))!.Definition));
        Assert.Equal("two", Message((await definitions.FindAsync("designed", 2, Token))!.Definition));
        // A revert based on the revision before it is stale now.
        Assert.NotNull((await definitions.RevertDraftAsync("designed", 2, "alex", third.Revision, Token)).Conflict);

        var copy = await definitions.DuplicateAsync("designed", "designed-copy", null, "alex", Token);
        Assert.True(copy.IsSaved);
        var copied = await definitions.OpenAsync("designed-copy", Token);
        Assert.Equal(("Designed (copy)", "one", true), (copied!.Definition.Name, Message(copied.Definition), copied.IsDraft));
        Assert.Equal("id", Assert.Single((await definitions.DuplicateAsync("designed", "designed-copy", null, "alex", Token)).Errors).Field);

        Assert.NotNull((await definitions.DeleteDraftAsync("designed", third.Revision, Token)).Conflict);
        Assert.True((await definitions.DeleteDraftAsync("designed", reverted.Revision, Token)).IsSaved);
        Assert.Equal([2, 1], (await definitions.ListVersionsAsync("designed", Token)).Select(v => v.Version));
        var opened = await definitions.OpenAsync("designed", Token);
        Assert.Equal((2, false), (opened!.Version, opened.IsDraft));

        // A save based on the deleted draft's revision is refused as such, never taken for a save on version 2.
        var stale = await definitions.SaveDraftAsync(Definition("late"), "sam", reverted.Revision, Token);
        Assert.True(stale.Conflict!.DraftDeleted);
        Assert.True((await definitions.SaveDraftAsync(Definition("fresh"), "sam", opened.Revision, Token)).IsSaved);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Publishing_a_draft_changed_since_it_was_read_or_an_invalid_one_publishes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var definitions = Node(database, clock);
        var created = await definitions.CreateAsync(Definition("one"), "sam", Token);
        clock.Advance(TimeSpan.FromSeconds(5));
        await definitions.SaveDraftAsync(Definition("two"), "alex", created.Revision, Token);

        var stale = await definitions.PublishAsync("designed", "sam", "mine", created.Revision, Token);
        Assert.Equal(WorkflowDefinitions.ConflictField, Assert.Single(stale.Errors).Field);
        Assert.Contains("alex", stale.Errors[0].Message, StringComparison.Ordinal);

        var opened = await definitions.OpenAsync("designed", Token);
        await definitions.SaveDraftAsync(Definition("three") with { Connections = [new Connection("start", "Nope", "say")] }, "alex", opened!.Revision, Token);
        var invalid = await definitions.PublishAsync("designed", "alex", null, null, Token);
        Assert.False(invalid.IsValid);
        Assert.Null(await definitions.FindAsync("designed", null, Token));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_overview_shows_published_version_draft_last_change_and_open_instances_by_status(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var definitions = Node(database, clock);
        await definitions.CreateAsync(Definition("one"), "sam", Token);
        await definitions.PublishAsync("designed", "sam", null, null, Token);
        clock.Advance(TimeSpan.FromMinutes(10));
        await definitions.SaveDraftAsync(Definition("two"), "alex", Token);
        await definitions.CreateAsync(Definition("only a draft", "sketch"), "sam", Token);

        var context = database.NewContext();
        var statuses = new[] { WorkflowStatus.Running, WorkflowStatus.Suspended, WorkflowStatus.Suspended, WorkflowStatus.Faulted, WorkflowStatus.Completed, WorkflowStatus.Cancelled };
        context.WorkflowInstances.AddRange(statuses.Select((status, i) => new WorkflowInstanceRecord
        {
            Id = $"i-{i}", DefinitionId = "designed", DefinitionVersion = 1, Status = status, StateJson = "{}",
            CreatedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow(),
        }));
        await context.SaveChangesAsync(Token);

        var overview = await definitions.OverviewAsync(Token);

        Assert.Equal(["designed", "sketch"], overview.Select(o => o.Id));
        var designed = overview[0];
        Assert.Equal((1, true, 0, "alex"), (designed.PublishedVersion, designed.HasDraft, designed.LatestVersion, designed.LastChangedBy));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 9, 10, 0, TimeSpan.Zero), designed.LastChangedAt);
        Assert.Equal((1, 2, 1), (designed.Running, designed.Suspended, designed.Faulted));
        var sketch = overview[1];
        Assert.Equal((null, true, 0, 0, 0), (sketch.PublishedVersion, sketch.HasDraft, sketch.Running, sketch.Suspended, sketch.Faulted));
    }
}
