using Microsoft.Extensions.Time.Testing;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;
using Portal.Workflows.Expressions;
using Portal.Workflows.Persistence;
using static Portal.Workflows.Tests.Runtime.Flow;

namespace Portal.Workflows.Tests.Persistence;

public sealed class WorkflowDefinitionsTests
{
    private readonly InMemoryWorkflowDefinitionStore store = new();
    private readonly WorkflowDefinitions definitions;

    public WorkflowDefinitionsTests() =>
        definitions = new WorkflowDefinitions(store, new DefinitionValidator(ActivityRegistry.BuiltIn(), new JintExpressionEvaluator()), new FakeTimeProvider());

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static WorkflowDefinition Version(string message) => Define(
        [Node("start", "Start"), Node("say", "Log", Lit("message", message)), Node("end", "End")],
        [C("start", "say"), C("say", "end")]);

    [Fact]
    public async Task Publishing_freezes_numbered_versions_and_older_ones_stay_readable()
    {
        await definitions.SaveDraftAsync(Version("one"), "sam", Token);
        var first = await definitions.PublishAsync("test-flow", "sam", Token);
        await definitions.SaveDraftAsync(Version("two"), "sam", Token);
        var second = await definitions.PublishAsync("test-flow", "sam", Token);

        Assert.Equal(1, first.Value.Version);
        Assert.Equal(2, second.Value.Version);
        var v1 = await definitions.FindAsync("test-flow", 1, Token);
        Assert.Equal("one", v1!.Definition.Find("say")!.Inputs["message"].Value!.GetValue<string>());
        Assert.Equal(2, (await definitions.FindAsync("test-flow", null, Token))!.Version);
        Assert.Null(await definitions.FindAsync("test-flow", StoredDefinition.DraftVersion, Token));
    }

    [Fact]
    public async Task An_invalid_draft_is_kept_but_not_published()
    {
        var broken = Version("x") with { Connections = [C("start", "say"), C("say", "end", "Nope")] };
        await definitions.SaveDraftAsync(broken, "sam", Token);

        var result = await definitions.PublishAsync("test-flow", "sam", Token);

        Assert.Equal("connections[1].outcome", Assert.Single(result.Errors).Field);
        Assert.NotNull(await definitions.FindAsync("test-flow", StoredDefinition.DraftVersion, Token));
        Assert.Null(await definitions.FindAsync("test-flow", null, Token));
    }

    [Fact]
    public async Task Publishing_without_a_draft_says_so()
    {
        var result = await definitions.PublishAsync("nothing-here", "sam", Token);

        Assert.Equal("draft", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task A_shipped_definition_is_seeded_once_and_never_over_an_admins_version()
    {
        Assert.True(await definitions.SeedAsync(Version("shipped"), Token));
        await definitions.SaveDraftAsync(Version("admin's"), "sam", Token);
        await definitions.PublishAsync("test-flow", "sam", Token);

        Assert.False(await definitions.SeedAsync(Version("shipped again"), Token));

        var latest = await definitions.FindAsync("test-flow", null, Token);
        Assert.Equal(2, latest!.Version);
        Assert.Equal("admin's", latest.Definition.Find("say")!.Inputs["message"].Value!.GetValue<string>());
    }

    [Fact]
    public async Task A_changed_shipped_definition_is_published_as_the_next_version_until_an_admin_takes_over()
    {
        Assert.True(await definitions.SeedAsync(Version("shipped"), Token));
        Assert.False(await definitions.SeedAsync(Version("shipped"), Token));

        Assert.True(await definitions.SeedAsync(Version("shipped, improved"), Token));
        Assert.Equal(2, (await definitions.FindAsync("test-flow", null, Token))!.Version);

        await definitions.SaveDraftAsync(Version("admin's draft"), "sam", Token);
        Assert.False(await definitions.SeedAsync(Version("shipped, improved again"), Token));
        Assert.Equal(2, (await definitions.FindAsync("test-flow", null, Token))!.Version);
    }

    [Fact]
    public async Task An_invalid_shipped_definition_is_a_bug_and_stops_the_seed()
    {
        var broken = Version("x") with { Activities = [Node("say", "Log", Lit("message", "no start"))], Connections = [] };

        await Assert.ThrowsAsync<InvalidOperationException>(() => definitions.SeedAsync(broken, Token));
    }

    [Fact]
    public async Task A_draft_save_based_on_a_stale_revision_is_refused_and_the_draft_kept()
    {
        var created = await definitions.CreateAsync(Version("one"), "sam", Token);
        var alex = await definitions.SaveDraftAsync(Version("alex's"), "alex", created.Revision, Token);

        var sam = await definitions.SaveDraftAsync(Version("sam's"), "sam", created.Revision, Token);

        Assert.True(alex.IsSaved);
        Assert.Equal("alex", sam.Conflict!.ChangedBy);
        Assert.Equal("alex's", (await definitions.OpenAsync("test-flow", Token))!.Definition.Find("say")!.Inputs["message"].Value!.GetValue<string>());
        // Without a base, a save is a creation: refused over an existing draft.
        Assert.NotNull((await definitions.SaveDraftAsync(Version("blind"), "sam", Token)).Conflict);
    }

    [Fact]
    public async Task Publishing_keeps_the_comment_and_a_deleted_draft_leaves_the_published_versions()
    {
        await definitions.CreateAsync(Version("one"), "sam", Token);
        Assert.True((await definitions.PublishAsync("test-flow", "sam", "first", null, Token)).IsValid);
        var draft = await definitions.SaveDraftAsync(Version("two"), "sam", Token);

        Assert.True((await definitions.DeleteDraftAsync("test-flow", draft.Revision, Token)).IsSaved);

        var version = Assert.Single(await definitions.ListVersionsAsync("test-flow", Token));
        Assert.Equal((1, "first"), (version.Version, version.Comment));
        Assert.Equal("comment", Assert.Single((await definitions.PublishAsync("test-flow", "sam", new string('x', WorkflowDefinitionLimits.CommentLength + 1), null, Token)).Errors).Field);
    }
}
