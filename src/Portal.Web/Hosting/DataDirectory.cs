namespace Portal.Web.Hosting;

/// <summary>
/// The folder that holds the portal's own files (the SQLite database by default). It is resolved against
/// the working directory, never the project folder, so <c>dotnet run</c> writes nothing under <c>src/</c>.
/// </summary>
public static class DataDirectory
{
    public const string Key = "Portal:DataDirectory";

    public static string Resolve(IConfiguration configuration)
    {
        var configured = configuration[Key];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var appData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return string.IsNullOrEmpty(appData)
            ? Path.GetFullPath("data")
            : Path.Combine(appData, "Portal");
    }
}
