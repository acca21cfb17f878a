using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Pages.Bench;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Scale;

/// <summary>The provisioning portal with several pages' worth of every list seeded once, by the pages bench's seeder.</summary>
public sealed class ScalePortal : ProvisioningPortal
{
    /// <summary>Four to five pages of 25 of each list; the instances many more.</summary>
    public static readonly SeedSizes Sizes = new() { Images = 60, Servers = 120, Instances = 400, Users = 30 };

    private readonly SemaphoreSlim gate = new(1, 1);
    private bool seeded;

    public async Task SeedOnceAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (!seeded)
            {
                await using var scope = Factory.Services.CreateAsyncScope();
                await new BenchSeeder(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), Sizes, TextWriter.Null).SeedAsync(CancellationToken.None);
                seeded = true;
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
