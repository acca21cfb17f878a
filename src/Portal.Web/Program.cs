using Portal.Data.Configuration;
using Portal.Web.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPortal();

    var app = builder.Build();
    app.UsePortal();
    await app.RunAsync();
    return 0;
}
catch (PortalConfigurationException e)
{
    // A setting to fix, not a bug: one line naming the key, no stack trace.
    await Console.Error.WriteLineAsync($"The portal cannot start: {e.Message}");
    return 1;
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
