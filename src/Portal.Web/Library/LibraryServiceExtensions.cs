using Portal.Data.Library;

namespace Portal.Web.Library;

public static class LibraryServiceExtensions
{
    /// <summary>The image library: its store (scoped, one DbContext per request or page), seeding and API.</summary>
    public static IServiceCollection AddImageLibrary(this IServiceCollection services)
    {
        services.AddScoped<ImageStore>();
        services.AddScoped<LibrarySeeder>();
        services.AddScoped<OvfUpload>();
        services.AddOptions<LibraryOptions>().BindConfiguration(LibraryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OvfLimitsOptions>().BindConfiguration(OvfLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
