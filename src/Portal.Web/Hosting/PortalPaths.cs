namespace Portal.Web.Hosting;

/// <summary>Folders the portal writes to, all under its data folder (see <see cref="DataDirectory"/>).</summary>
public sealed record PortalPaths(string Data)
{
    /// <summary>Image files: one folder per image, named by its id.</summary>
    public string Images => Path.Combine(Data, "images");

    /// <summary>Uploads being read; removed when the import ends, whatever its outcome.</summary>
    public string Uploads => Path.Combine(Data, "uploads");

    public string ImageFolder(Guid imageId) => Path.Combine(Images, imageId.ToString("D"));
}
