using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portal.Data.Approvals;
using Portal.Data.Deployments;
using Portal.Data.Drivers;
using Portal.Data.Simulation;
using Portal.Data.Requests;
using Portal.Data.Inventory;
using Portal.Data.Library;
using Portal.Provisioning;
using Portal.Domain.Library;
using Portal.Provisioning.Activities;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Requests;
using Portal.Provisioning.BareMetal;
using Portal.Provisioning.Boot;
using Portal.Provisioning.Conversion;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Drivers;
using Portal.Provisioning.Inventory;
using Portal.Provisioning.Libvirt;
using Portal.Provisioning.Servers;
using Portal.Provisioning.Simulation;
using Portal.Web.Hosting;
using Portal.Workflows.Activities;
using Portal.Workflows.Hosting;

namespace Portal.Web.Provisioning;

public static class ProvisioningServiceExtensions
{
    /// <summary>
    /// Inventory, deployments, the drivers (<see cref="DriverServiceExtensions.AddPortalDrivers"/>: each platform's from its settings)
    /// and the provisioning activities, which the workflow engine picks up as <see cref="IActivity"/> services.
    /// </summary>
    public static IServiceCollection AddPortalProvisioning(this IServiceCollection services)
    {
        services.AddOptions<ProvisioningOptions>().BindConfiguration(ProvisioningOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SimulationOptions>().BindConfiguration(SimulationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootOptions>().BindConfiguration(BootOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<BootOptions>, BootDefaults>();

        services.AddScoped<IInventoryStore, EfInventoryStore>();
        services.AddScoped<IDeploymentStore, EfDeploymentStore>();
        services.AddScoped<DeploymentListReader>();
        services.AddScoped<InventoryListReader>();
        services.AddScoped<IRequestStore, EfRequestStore>();
        services.AddScoped<ITaskDecisionStore, EfTaskDecisionStore>();
        services.AddScoped<IAddressPool, EfAddressPool>();
        services.AddScoped<IDriverKeyStore, EfDriverKeyStore>();
        services.AddScoped<ISimulationStore, EfSimulationStore>();
        services.AddScoped<IWriterSessionStore, EfWriterSessionStore>();
        services.AddScoped<RequestSubmission>();
        services.AddScoped<RequestLifecycle>();
        services.AddScoped<ApprovalTasks>();
        services.AddScoped<IImageCatalog, EfImageCatalog>();
        services.AddScoped<Provisioner>();
        services.AddScoped<ServerLifecycle>();
        services.AddScoped<ProvisioningWorkflows>();
        services.AddScoped<DeploymentAdministration>();
        services.AddScoped<InventoryMaintenance>();
        services.AddScoped<InventoryRegistration>();
        services.AddScoped<IDeploymentCallbackSink, DeploymentCallbackSink>();
        services.AddScoped<InventorySeeder>();

        // Drivers name this node in their records as the workflow engine names it in its leases.
        services.AddSingleton(sp => sp.GetService<WorkflowEngineOptions>() is { } engine ? new DriverNode(engine.NodeId) : DriverNode.Local);
        services.AddSingleton<DriverKeys>();
        services.AddPortalDrivers();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BootOptions>>().Value);
        services.AddSingleton<BootTokens>();
        services.AddSingleton<IpxeScriptBuilder>();
        services.AddSingleton<IBootLinks, BootLinks>();
        services.AddScoped<PlatformConnectionTests>();

        foreach (var activity in typeof(ProvisioningActivity).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ProvisioningActivity).IsAssignableFrom(t)))
        {
            services.AddSingleton(typeof(IActivity), activity);
        }

        services.AddHostedService<ReservationJanitor>();
        services.AddHostedService<SimulatedImageWriters>();
        return services;
    }

    /// <summary>
    /// Boot settings an embedded portal can do without: a token key kept in the data folder (a cluster of nodes
    /// must configure one shared key), the portal's own address, and the image writer served from it.
    /// </summary>
    private sealed class BootDefaults(IConfiguration configuration) : IPostConfigureOptions<BootOptions>
    {
        public void PostConfigure(string? name, BootOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.TokenKey))
            {
                options.TokenKey = LocalKey(new PortalPaths(DataDirectory.Resolve(configuration)).Data);
            }

            options.PortalBaseUrl ??= new Uri("http://localhost:5080/");
            options.ImageWriterKernelUrl ??= new Uri(options.PortalBaseUrl, "boot/writer/vmlinuz");
            options.ImageWriterInitrdUrl ??= new Uri(options.PortalBaseUrl, "boot/writer/initrd.img");
        }

        private static string LocalKey(string dataFolder)
        {
            var path = Path.Combine(dataFolder, "boot-token.key");
            if (File.Exists(path))
            {
                return File.ReadAllText(path).Trim();
            }

            Directory.CreateDirectory(dataFolder);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            File.WriteAllText(path, key);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return key;
        }
    }
}
