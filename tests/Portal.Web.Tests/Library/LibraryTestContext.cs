using Bunit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Configuration;
using Portal.Data.Library;
using Portal.Domain.Library;
using Portal.Domain.Security;
using Portal.Testing;
using Bunit.TestDoubles;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Portal.Provisioning;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Simulation;

namespace Portal.Web.Tests.Library;

/// <summary>
/// A bUnit context with MudBlazor, a user, and a real <see cref="ImageStore"/> on this test's own copy of the
/// seeded demo library, registered the way the portal registers it (scoped, one DbContext per scope); and the
/// portal's driver catalog, in the mode <see cref="Drivers"/> says.
/// </summary>
public abstract class LibraryTestContext : BunitContext, IAsyncLifetime
{
    public static readonly Guid KvmFrankfurt = Guid.Parse("9a1e0000-0000-4000-8000-000000000003");
    public static readonly Guid VSphereParis = Guid.Parse("9a1e0000-0000-4000-8000-000000000004");
    public static readonly Guid SimulatedVirtual = Guid.Parse("9a1e0000-0000-4000-8000-000000000006");
    public static readonly Guid Rhel9 = Guid.Parse("1d0c0000-0000-4000-8000-000000000002");
    public static readonly Guid Debian12 = Guid.Parse("1d0c0000-0000-4000-8000-000000000004");
    public static readonly Guid PostgreSql16 = Guid.Parse("1d0c0000-0000-4000-8000-000000000005");
    public static readonly Guid WindowsWim = Guid.Parse("1d0c0000-0000-4000-8000-000000000006");
    public static readonly Guid CentOs7Deprecated = Guid.Parse("1d0c0000-0000-4000-8000-000000000009");

    /// <summary>Rendering and data loading run on other threads; two busy cores need more than bUnit's default second.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly TempDirectory folder = new();
    private bool cleaned;

    protected LibraryTestContext()
    {
        Auth = AddAuthorization();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddPortalDatabase(DatabaseSettings.Resolve("Sqlite", null, folder.Path));
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<ImageStore>();
        // The image page reads how large a disk upload may be.
        Services.AddOptions<Portal.Web.Library.LibraryOptions>();
        // The pages only ask the catalog which technologies it simulates; the datacenter itself never runs here.
        var simulation = new SimulatedDatacenter(Options.Create(new SimulationOptions()), TimeProvider.System,
            new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<SimulatedDatacenter>.Instance);
        Services.AddSingleton<IDriverCatalog>(new DriverCatalog(Options.Create(Drivers), [new SimulatedDriverFactory(simulation)]));
        // Platform passwords are encrypted at rest; the platform dialog's Test connection reads the platform's inventory.
        Services.AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        Services.AddScoped<Portal.Provisioning.Deployments.IImageCatalog, EfImageCatalog>();
        Services.AddScoped<Portal.Provisioning.Inventory.IInventoryStore, Portal.Data.Inventory.EfInventoryStore>();
        Services.AddScoped<PlatformConnectionTests>();

        // Last: it builds the service provider, after which nothing can be registered.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected BunitAuthorizationContext Auth { get; }

    /// <summary>Simulated, as the portal runs by default; a test sets <see cref="DriverMode.Real"/> before rendering.</summary>
    protected ProvisioningOptions Drivers { get; } = new();

    public async ValueTask InitializeAsync() =>
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, DatabaseSettings.DefaultSqliteFileName), await SeededLibrary.BytesAsync());

    protected void SignInAsRequester() => Auth.SetAuthorized("requester@portal.local").SetRoles(PortalRoles.Requester);

    protected void SignInAsAdmin() => Auth.SetAuthorized("admin@portal.local").SetRoles(PortalRoles.Admin);

    /// <summary>Works on the test's database directly, outside any component.</summary>
    protected async Task<T> WithStoreAsync<T>(Func<ImageStore, Task<T>> work)
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ImageStore>());
    }

    /// <summary>A valid draft copy of an existing image, stored under a new id and version.</summary>
    protected async Task<MasterImage> CreateDraftFromAsync(Guid sourceId, string version)
    {
        var source = await WithStoreAsync(store => store.FindAsync(sourceId, CancellationToken.None));
        Assert.NotNull(source);
        var draft = source with { Id = Guid.NewGuid(), Version = version, Lifecycle = ImageLifecycle.Draft };
        var created = await WithStoreAsync(store => store.CreateAsync(draft, CancellationToken.None));
        Assert.True(created.IsValid, string.Join("; ", created.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return draft;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Clean();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Clean();
    }

    private void Clean()
    {
        if (cleaned)
        {
            return;
        }

        cleaned = true;
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
