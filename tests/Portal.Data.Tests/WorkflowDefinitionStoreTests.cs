using Portal.Data.Workflows;
using Portal.Workflows.Definitions;
using Portal.Workflows.Persistence;

namespace Portal.Data.Tests;

/// <summary>The database definition store on a real SQLite file and a real PostgreSQL server.</summary>
public sealed class WorkflowDefinitionStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static WorkflowDefinition Definition(string message) => new()
    {
        Id = "server-provisioning",
        Name = "Server provisioning",
        Activities =
        [
            new ActivityNode { Id = "start", Type = "Start" },
            new ActivityNode { Id = "say", Type = "Log", Inputs = new Dictionary<string, InputValue> { ["message"] = InputValue.Literal(message) } },
        ],
        Connections = [new Connection("start", "Done", "say")],
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Drafts_are_replaced_and_published_versions_are_numbered_and_frozen(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var store = new EfWorkflowDefinitionStore(database.NewContext());

        var first = await store.SaveDraftAsync(Definition("draft one"), "sam", At, null, Token);
        Assert.True((await store.SaveDraftAsync(Definition("draft two"), "sam", At, first.Revision, Token)).IsSaved);
        Assert.Equal("draft two", Message(await store.FindAsync("server-provisioning", 0, Token)));

        Assert.Equal(1, await store.PublishAsync(Definition("v1"), "sam", At, Token));
        Assert.Null(await store.FindAsync("server-provisioning", 0, Token));
        Assert.Equal(2, await store.PublishAsync(Definition("v2"), "alex", At, Token));

        Assert.Equal("v1", Message(await store.FindAsync("server-provisioning", 1, Token)));
        var latest = await store.FindAsync("server-provisioning", null, Token);
        Assert.Equal(2, latest!.Version);
        Assert.Equal("alex", latest.SavedBy);
        var summary = Assert.Single(await store.ListAsync(Token));
        Assert.Equal([1, 2], summary.Versions);
        Assert.False(summary.HasDraft);
    }

    private static string? Message(StoredDefinition? stored) =>
        stored?.Definition.Find("say")?.Inputs["message"].Value?.GetValue<string>();
}
