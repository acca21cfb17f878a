using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;

namespace Portal.Web.Tests;

/// <summary>
/// The real portal in memory, on a SQLite file in its own temp folder (or on whatever the settings say).
/// Settings go in through UseSetting so they are seen when Program reads configuration.
/// </summary>
public sealed class PortalAppFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Test-Password-123!";

    private readonly TempDirectory? ownedFolder;
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;

    /// <param name="services">Replaces services after the portal registered its own (a controlled clock, a recording notifier).</param>
    public PortalAppFactory(IDictionary<string, string?>? settings = null, string? dataDirectory = null, Action<IServiceCollection>? services = null)
    {
        this.services = services;
        if (dataDirectory is null)
        {
            ownedFolder = new TempDirectory();
            dataDirectory = ownedFolder.Path;
        }

        DataDirectory = dataDirectory;
        this.settings = new Dictionary<string, string?>
        {
            ["Portal:DataDirectory"] = dataDirectory,
            ["Portal:Seed:DemoUsers"] = "true",
            ["Portal:Seed:DemoData"] = "true",
            ["Portal:Seed:DemoPassword"] = DemoPassword,
            // Tests submit more than the demo quota allows; the quota tests set their own.
            ["Portal:Seed:DemoQuotas"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",

            // Tests sign in far more often than people do; the sign-in limit tests set their own, small ones.
            ["Portal:Accounts:RateLimits:PerAddress"] = "100000",
            ["Portal:Accounts:RateLimits:PerAccountPerAddress"] = "100000",
            ["Portal:Accounts:RateLimits:PerAccount"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        ownedFolder?.Dispose();
    }
}
