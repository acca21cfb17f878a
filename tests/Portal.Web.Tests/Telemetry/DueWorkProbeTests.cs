using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Workflows;
using Portal.Data;
using Portal.Workflows.Persistence;

namespace Portal.Web.Tests.Telemetry;

/// <summary>The due-work probe behind the queue gauges, on the portal's own SQLite database (no worker claiming meanwhile).</summary>
public sealed class DueWorkProbeTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new(new Dictionary<string, string?> { ["Portal:Workflows:RunWorker"] = "false" });

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _ = factory.Services;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task The_queue_counts_due_unclaimed_work_and_ages_the_oldest_but_not_claimed_or_future_work()
    {
        var now = TimeProvider.System.GetUtcNow();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.WorkItems.AddRange(
                Item(now - TimeSpan.FromMinutes(5)),
                Item(now - TimeSpan.FromSeconds(1)),
                Item(now - TimeSpan.FromMinutes(30), claimedUntil: now + TimeSpan.FromMinutes(1)),
                Item(now - TimeSpan.FromMinutes(20), claimedUntil: now - TimeSpan.FromMinutes(1)),
                Item(now + TimeSpan.FromHours(1)));
            await db.SaveChangesAsync(Token);
        }

        await using var probeScope = factory.Services.CreateAsyncScope();
        var queue = await probeScope.ServiceProvider.GetRequiredService<DueWorkProbe>().ReadAsync(Token);

        Assert.Equal(3, queue.Depth);
        Assert.InRange(queue.OldestDueAge, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(21));
    }

    private static WorkItemRecord Item(DateTimeOffset due, DateTimeOffset? claimedUntil = null) => new()
    {
        Id = Guid.NewGuid(),
        InstanceId = $"probe-{Guid.NewGuid():N}",
        Kind = WorkKind.Timer,
        DueAt = due,
        ClaimedBy = claimedUntil is null ? null : "another-node#1",
        ClaimExpiresAt = claimedUntil,
    };
}
