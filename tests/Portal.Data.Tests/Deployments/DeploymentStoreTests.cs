using Microsoft.AspNetCore.DataProtection;
using Portal.Data.Deployments;
using Portal.Domain.Deployments;
using Portal.Domain.Inventory;
using Portal.Domain.Library;

namespace Portal.Data.Tests.Deployments;

public sealed class DeploymentStoreTests
{
    private static readonly IDataProtectionProvider Protection = new EphemeralDataProtectionProvider();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Deployment NewDeployment() => new()
    {
        Id = Guid.NewGuid(),
        ImageId = Guid.NewGuid(),
        RequestedBy = "requester@portal.local",
        Placement = Placement.Virtual,
        Parameters = new Dictionary<string, string?> { ["hostname"] = "web01" },
        Steps = [new DeploymentStepProgress(DeploymentStepKind.CreateVirtualMachine, "Create the VM")],
        CreatedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task Secret_parameters_are_stored_encrypted_apart_from_the_deployment_and_read_back_only_on_request()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", Token);
        var deployment = NewDeployment();
        await new EfDeploymentStore(database.NewContext(), Protection, TimeProvider.System).CreateAsync(deployment, new Dictionary<string, string> { ["adminPassword"] = "Correct-Horse-42" }, Token);

        var row = database.NewContext().Set<DeploymentRecord>().Single();
        var store = new EfDeploymentStore(database.NewContext(), Protection, TimeProvider.System);

        Assert.DoesNotContain("Correct-Horse-42", row.Document, StringComparison.Ordinal);
        Assert.DoesNotContain("Correct-Horse-42", row.ProtectedSecrets, StringComparison.Ordinal);
        Assert.Equal("Correct-Horse-42", (await store.SecretsAsync(deployment.Id, Token))["adminPassword"]);
        Assert.Equal("web01", (await store.FindAsync(deployment.Id, Token))!.Parameters["hostname"]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Concurrent_step_updates_of_one_deployment_are_all_kept(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Token);
        var deployment = NewDeployment() with
        {
            Steps = [.. Enum.GetValues<DeploymentStepKind>().Select(k => new DeploymentStepProgress(k, k.ToString()))],
        };
        await new EfDeploymentStore(database.NewContext(), Protection, TimeProvider.System).CreateAsync(deployment, new Dictionary<string, string>(), Token);

        // Parallel branches of one workflow report their steps at once; the concurrency token makes the later writer re-apply.
        await Task.WhenAll(Enum.GetValues<DeploymentStepKind>().Select(kind => Task.Run(() =>
            new EfDeploymentStore(database.NewContext(), Protection, TimeProvider.System).UpdateAsync(deployment.Id, d => d.WithStep(kind, StepState.Completed, DateTimeOffset.UtcNow), Token))));

        var stored = await new EfDeploymentStore(database.NewContext(), Protection, TimeProvider.System).FindAsync(deployment.Id, Token);
        Assert.All(stored!.Steps, s => Assert.Equal(StepState.Completed, s.State));
    }
}
