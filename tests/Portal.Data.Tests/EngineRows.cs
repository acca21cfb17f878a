using Microsoft.EntityFrameworkCore;
using Portal.Data.Workflows;

namespace Portal.Data.Tests;

/// <summary>The engine's rows as the database holds them, read through a context of their own (what any node would see).</summary>
internal static class EngineRows
{
    public static async Task<List<WorkItemRecord>> WorkOfAsync(TestDatabase database, string instanceId, CancellationToken cancellationToken)
    {
        await using var db = database.NewContext();
        return await db.WorkItems.AsNoTracking().Where(w => w.InstanceId == instanceId).ToListAsync(cancellationToken);
    }

    public static async Task<WorkflowInstanceRecord> InstanceAsync(TestDatabase database, string instanceId, CancellationToken cancellationToken)
    {
        await using var db = database.NewContext();
        return await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId, cancellationToken);
    }

    /// <summary>Polls until <paramref name="condition"/> holds (a background step got there); fails naming <paramref name="what"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 1_500; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new Xunit.Sdk.XunitException($"Never happened: {what}");
    }
}
