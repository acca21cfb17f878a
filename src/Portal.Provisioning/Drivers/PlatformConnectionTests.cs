using Microsoft.Extensions.Logging;
using Portal.Domain.Library;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Inventory;

namespace Portal.Provisioning.Drivers;

/// <summary>
/// Test connection, for Admin › Platforms and its API: the platform's driver reaches its infrastructure (the
/// libvirt URI; the BMCs of the pool's servers) as a deployment would, and says what answered.
/// </summary>
public sealed partial class PlatformConnectionTests(
    IImageCatalog library, IInventoryStore inventory, IDriverCatalog drivers, ILogger<PlatformConnectionTests> logger)
{
    /// <summary>The result, or null for an unknown platform.</summary>
    public async Task<ConnectionTestResult?> TestAsync(Guid platformId, CancellationToken cancellationToken)
    {
        var platform = (await library.PlatformsAsync(cancellationToken)).FirstOrDefault(p => p.Id == platformId);
        return platform is null ? null : await TestAsync(platform, cancellationToken);
    }

    /// <summary>
    /// Tests settings as typed, before they are saved: an empty password stands for the one stored for the platform
    /// (with the same driver), as it would on a save.
    /// </summary>
    public async Task<ConnectionTestResult> TestDraftAsync(Platform draft, CancellationToken cancellationToken)
    {
        var stored = (await library.PlatformsAsync(cancellationToken)).FirstOrDefault(p => p.Id == draft.Id)?.Connection;
        if (draft.Connection is { HasPassword: false } connection && stored is { HasPassword: true } && stored.Driver == connection.Driver)
        {
            draft = draft with { Connection = connection with { Password = stored.Password } };
        }

        return await TestAsync(draft, cancellationToken);
    }

    private async Task<ConnectionTestResult> TestAsync(Platform platform, CancellationToken cancellationToken)
    {
        var platformId = platform.Id;
        var members = new PlatformMembers(
            (await inventory.HostsAsync(cancellationToken)).Where(h => h.PlatformId == platformId).ToList(),
            (await inventory.ServersAsync(cancellationToken)).Where(s => s.PlatformId == platformId).ToList());
        ConnectionTestResult result;
        try
        {
            result = await drivers.TestAsync(platform, members, cancellationToken);
        }
        catch (DriverException e)
        {
            result = ConnectionTestResult.Failure(e.Message);
        }

        LogTested(platform.Name, drivers.DriverOf(platform)?.ToString() ?? "none", result.Succeeded);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection test of platform {Platform} ({Driver}): succeeded {Succeeded}")]
    private partial void LogTested(string platform, string driver, bool succeeded);
}
