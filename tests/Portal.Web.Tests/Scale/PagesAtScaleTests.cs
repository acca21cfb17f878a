using System.Text.RegularExpressions;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Providers;
using Portal.Pages.Bench;
using Portal.Web.Provisioning.Deployments;
using Portal.Web.Provisioning.Inventory;
using Portal.Web.Provisioning.Servers;
using Portal.Web.Tests.Provisioning;
using Portal.Web.Workflows.Pages;

namespace Portal.Web.Tests.Scale;

/// <summary>
/// The admin list pages at scale: with several pages' worth of rows seeded (by the pages bench's own seeder), a page
/// renders one page of rows from a handful of SQL commands, whatever the number of rows, and its main table is read
/// with LIMIT (a page) or COUNT, never whole. A per-row lookup or a whole-table load fails these tests.
/// </summary>
public sealed class PagesAtScaleTests(ScalePortal portal)
    : ProvisioningPagesTestContext(portal, services => services.AddSingleton<SqlCommandLog>()
        .ConfigureDbContext<SqlitePortalDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<SqlCommandLog>()))
        .ConfigureDbContext<PostgreSqlPortalDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<SqlCommandLog>()))),
      IClassFixture<ScalePortal>
{
    /// <summary>
    /// What one page of a list may cost: a COUNT, the page, the names it shows (images, machines, platforms) and the
    /// page's own checks. Per-row lookups would cost one or two commands per row: 25 to 50 more.
    /// </summary>
    private const int CommandBudget = 10;

    [Fact]
    public async Task The_deployments_page_shows_one_page_from_a_few_commands_joining_workflow_and_server()
    {
        await ReadyAsync();
        var page = Render<DeploymentsPage>(p => p.Add(x => x.RefreshInterval, TimeSpan.FromMinutes(10)));

        page.WaitForAssertion(() => Assert.Equal(DeploymentsPage.PageSize, page.FindAll("[data-testid=deployment-link]").Count), Patience);

        AssertOnePage("Deployments", DeploymentsPage.PageSize);
        Assert.All(page.FindAll("tbody tr").Take(5), row => Assert.Matches("bench-srv-\\d{5}", row.TextContent));
    }

    [Fact]
    public async Task The_servers_page_shows_one_page_of_servers_from_a_few_commands()
    {
        await ReadyAsync();
        var page = Render<ServersPage>();

        page.WaitForAssertion(() => Assert.Equal(ServersPage.PageSize, page.FindAll("[data-testid=server-name]").Count), Patience);

        AssertOnePage("Servers", ServersPage.PageSize);
    }

    [Fact]
    public async Task The_inventory_page_shows_one_page_of_physical_servers_and_counts_the_rest_in_sql()
    {
        await ReadyAsync();
        var page = Render<InventoryPage>();

        page.WaitForAssertion(() => Assert.Equal(InventoryPage.PageSize, page.FindAll("[data-testid=servers] tbody tr").Count), Patience);

        AssertOnePage("PhysicalServers", InventoryPage.PageSize);
        Assert.Contains(Log.Commands, c => c.Contains("GROUP BY", StringComparison.Ordinal) && c.Contains("\"PhysicalServers\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_instances_page_shows_one_page_of_instances_from_a_few_commands()
    {
        await ReadyAsync();
        var page = Render<WorkflowInstancesPage>(p => p.Add(x => x.RefreshInterval, TimeSpan.FromMinutes(10)));

        page.WaitForAssertion(() => Assert.Equal(WorkflowInstancesPage.PageSize, page.FindAll("[data-testid=instance-link]").Count), Patience);

        AssertOnePage("WorkflowInstances", WorkflowInstancesPage.PageSize);
    }

    private SqlCommandLog Log => Services.GetRequiredService<SqlCommandLog>();

    private async Task ReadyAsync()
    {
        SignInAsAdmin();
        await ((ScalePortal)Portal).SeedOnceAsync();
        Log.Clear();
    }

    /// <summary>Few commands in all; the table read only with LIMIT (at most a page), COUNT, EXISTS or GROUP BY; no statement reads it whole.</summary>
    private void AssertOnePage(string table, int pageSize)
    {
        var commands = Log.Commands;
        Assert.True(commands.Count <= CommandBudget,
            $"One page took {commands.Count} SQL commands (at most {CommandBudget} expected: no lookup per row):\n{string.Join("\n---\n", commands)}");
        var reads = commands.Where(c => Regex.IsMatch(c, $"FROM \"{table}\"")).ToList();
        Assert.Contains(reads, c => c.Contains("LIMIT", StringComparison.Ordinal));
        var whole = reads.Where(c => !c.Contains("LIMIT", StringComparison.Ordinal) && !c.Contains("COUNT(", StringComparison.Ordinal)
                                     && !c.Contains("EXISTS", StringComparison.Ordinal) && !c.Contains("GROUP BY", StringComparison.Ordinal)).ToList();
        Assert.True(whole.Count == 0, $"The page read {table} without a LIMIT:\n{string.Join("\n---\n", whole)}");
        Assert.True(Log.LargestLimit(table) <= pageSize, $"The page read up to {Log.LargestLimit(table)} rows of {table} for a page of {pageSize}.");
    }
}
