namespace Portal.Web.Hosting;

/// <summary>Where the portal listens when nobody said: the address the README gives.</summary>
public static class ListenAddress
{
    public const string Default = "http://localhost:5080";

    /// <summary>
    /// Listens on <see cref="Default"/> unless ASPNETCORE_URLS, --urls, a "Urls" setting or Kestrel endpoints say
    /// otherwise. Not in launchSettings.json (dotnet run would then override ASPNETCORE_URLS) nor in appsettings.json
    /// (which ranks above ASPNETCORE_-prefixed environment variables).
    /// </summary>
    public static WebApplicationBuilder UseDefaultListenAddress(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (string.IsNullOrWhiteSpace(configuration["urls"])
            && string.IsNullOrWhiteSpace(configuration["http_ports"])
            && string.IsNullOrWhiteSpace(configuration["https_ports"])
            && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(Default);
        }

        return builder;
    }
}
