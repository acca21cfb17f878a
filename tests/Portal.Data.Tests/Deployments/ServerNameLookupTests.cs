using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Deployments;

namespace Portal.Data.Tests.Deployments;

/// <summary>
/// Every submission asks which of its host names live servers already use. The question is answered through the index on
/// lower(Name), not by reading every server: the plan the database chooses for the very command the store sends says so.
/// </summary>
public sealed class ServerNameLookupTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Looking_up_host_names_among_live_servers_uses_the_name_index(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync(Token);
        if (provider == "PostgreSql")
        {
            // An empty table is cheaper to scan than to search: ask the planner for the index if it can use one at all.
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off", Token);
        }

        await using var command = EfDeploymentStore.LiveServerNames(db, ["web-01", "db-02"]).CreateDbCommand();
        command.CommandText = (provider == "Sqlite" ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
        var plan = new StringBuilder();
        await using (var reader = await command.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    plan.Append(reader.GetValue(i)).Append(' ');
                }

                plan.AppendLine();
            }
        }

        Assert.True(plan.ToString().Contains("IX_Servers_NameLower", StringComparison.Ordinal),
            $"The live-server name look-up should search the index on lower(Name); the {provider} plan was:\n{plan}");
    }
}
