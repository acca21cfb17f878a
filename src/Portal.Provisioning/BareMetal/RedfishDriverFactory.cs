using Microsoft.Extensions.Logging;
using Portal.Domain.Library;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Redfish;

namespace Portal.Provisioning.BareMetal;

/// <summary>
/// The Redfish driver for bare-metal pools (PXE/iPXE or virtual media): <see cref="BareMetalDrivers"/> acts on each
/// server's BMC, and a connection test logs in to the BMCs of the pool's servers (or to the platform's own Redfish
/// service, when it has one) and reads their system.
/// </summary>
public sealed class RedfishDriverFactory(BareMetalDrivers metal, IImageConverter converter, ILoggerFactory loggers) : IPlatformDriverFactory
{
    /// <summary>A test answers an admin waiting at a button: a BMC that takes longer is reported as not answering.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    private readonly PlatformDrivers drivers = new(null, metal, metal, metal, metal, Converter: converter);

    public PlatformDriver Driver => PlatformDriver.Redfish;

    public PlatformDrivers For(Platform platform) => drivers;

    public async Task<ConnectionTestResult> TestAsync(Platform platform, PlatformMembers members, CancellationToken cancellationToken)
    {
        var targets = new List<(string Name, RedfishEndpoint? Endpoint, string? Problem)>();
        if (platform.Connection is { Uri: { Length: > 0 } uri } connection)
        {
            targets.Add(Uri.TryCreate(uri, UriKind.Absolute, out var address) && !string.IsNullOrWhiteSpace(connection.UserName) && connection.HasPassword
                ? ("the platform's Redfish service", Endpoint(address, connection.UserName!, connection.Password, useSession: true, pin: null), null)
                : ("the platform's Redfish service", null, "it needs a user name and a password to log in"));
        }

        targets.AddRange(members.Servers.Select(s => (s.Name, (RedfishEndpoint?)Endpoint(s.Bmc.Address, s.Bmc.UserName, s.Bmc.Password, s.Bmc.UseSession, s.Bmc.CertificateSha256), (string?)null)));
        if (targets.Count == 0)
        {
            return ConnectionTestResult.Failure($"{platform.Name} has no servers yet and no Redfish service address: register a server with its BMC first.");
        }

        var details = new List<string>();
        var failed = 0;
        foreach (var (name, endpoint, problem) in targets)
        {
            var (answered, text) = endpoint is null ? (false, problem!) : await ReadSystemAsync(endpoint, cancellationToken);
            failed += answered ? 0 : 1;
            details.Add($"{name}{(endpoint is null ? "" : $" ({endpoint.BaseUri.Authority})")}: {text}");
        }

        return failed == 0
            ? ConnectionTestResult.Success($"Every BMC answered ({targets.Count}).", details)
            : ConnectionTestResult.Failure($"{failed} of {targets.Count} BMC(s) did not answer.", details);
    }

    private async Task<(bool Answered, string Text)> ReadSystemAsync(RedfishEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            await using var client = new RedfishClient(endpoint, loggers.CreateLogger<RedfishClient>());
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TestTimeout);
            var system = await client.GetSystemAsync(timeout.Token);
            return (true, $"system {system.Id}, power {system.PowerState}");
        }
        catch (ArgumentException e)
        {
            return (false, e.Message);
        }
        catch (RedfishException e)
        {
            return (false, e.Message);
        }
        catch (HttpRequestException e)
        {
            return (false, $"not reachable: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"no answer within {TestTimeout.TotalSeconds:0} s");
        }
    }

    private static RedfishEndpoint Endpoint(Uri address, string user, SecretValue password, bool useSession, string? pin) => new()
    {
        BaseUri = address,
        UserName = user,
        Password = password,
        Auth = useSession ? RedfishAuth.Session : RedfishAuth.Basic,
        CertificateSha256 = pin,
        Timeout = TestTimeout,
    };
}
