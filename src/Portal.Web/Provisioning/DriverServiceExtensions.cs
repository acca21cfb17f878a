using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Provisioning;
using Portal.Provisioning.BareMetal;
using Portal.Provisioning.Conversion;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Libvirt;
using Portal.Provisioning.Simulation;
using Portal.Web.Hosting;

namespace Portal.Web.Provisioning;

public static class DriverServiceExtensions
{
    /// <summary>
    /// The drivers, one <see cref="IPlatformDriverFactory"/> per kind (simulated datacenter, libvirt, Redfish), and the
    /// catalog that picks one per platform from its connection settings. A new kind (vSphere, Hyper-V) is one class and
    /// one <see cref="AddPlatformDriver{TFactory}"/> line here.
    /// </summary>
    public static IServiceCollection AddPortalDrivers(this IServiceCollection services)
    {
        services.AddOptions<QemuImgOptions>().BindConfiguration($"{ProvisioningOptions.Section}:{QemuImgOptions.SectionName}").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KvmOptions>().BindConfiguration(KvmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BareMetalOptions>().BindConfiguration(BareMetalOptions.Section);
        services.AddSingleton<IPostConfigureOptions<KvmOptions>, KvmDefaults>();
        services.AddSingleton<QemuImg>();
        services.AddSingleton<IImageConverter>(sp => new QemuImageConverter(
            sp.GetRequiredService<QemuImg>(), new PortalPaths(DataDirectory.Resolve(sp.GetRequiredService<IConfiguration>())).Images));
        services.AddSingleton<SimulatedDatacenter>();
        services.AddSingleton<KvmDrivers>();
        services.AddSingleton<BareMetalDrivers>();

        services.AddPlatformDriver<SimulatedDriverFactory>();
        services.AddPlatformDriver<LibvirtDriverFactory>();
        services.AddPlatformDriver<RedfishDriverFactory>();

        services.AddSingleton<IDriverCatalog, DriverCatalog>();
        return services;
    }

    /// <summary>Registers one kind of driver; the catalog serves it to the platforms configured for its <see cref="IPlatformDriverFactory.Driver"/>.</summary>
    public static IServiceCollection AddPlatformDriver<TFactory>(this IServiceCollection services)
        where TFactory : class, IPlatformDriverFactory
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlatformDriverFactory, TFactory>());
        return services;
    }

    /// <summary>
    /// VM disks where this machine's libvirt keeps images (/var/lib/libvirt/images/portal) when libvirt is installed,
    /// else under the data folder, unless configured elsewhere. Not under the data folder when libvirt is here: that
    /// folder is the portal user's only (0700), and QEMU runs as its own user (libvirt-qemu), which must reach the disks.
    /// </summary>
    private sealed class KvmDefaults(IConfiguration configuration) : IPostConfigureOptions<KvmOptions>
    {
        private const string LibvirtImages = "/var/lib/libvirt/images";

        public void PostConfigure(string? name, KvmOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.StorageFolder))
            {
                options.StorageFolder = Directory.Exists(LibvirtImages)
                    ? Path.Combine(LibvirtImages, "portal")
                    : Path.Combine(new PortalPaths(DataDirectory.Resolve(configuration)).Data, "vms");
            }
        }
    }
}
