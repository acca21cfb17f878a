namespace Portal.Domain.Library;

/// <summary>
/// Locations of disks a descriptor named but nobody uploaded yet: <c>urn:portal:awaiting-upload:disk1.vmdk</c>.
/// A URN, not a path, so no reader can mistake it for a file that exists; it keeps the package file name the
/// upload is for.
/// </summary>
public static class PendingUploads
{
    private const string Prefix = "urn:portal:awaiting-upload:";

    public static Uri Location(string packagePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(packagePath);
        return new Uri(Prefix + Uri.EscapeDataString(packagePath));
    }

    public static bool IsPending(Uri location) =>
        location.IsAbsoluteUri && location.AbsoluteUri.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The package file name the upload is for, as the descriptor's href named it.</summary>
    public static string? PackagePath(Uri location) =>
        IsPending(location) ? Uri.UnescapeDataString(location.AbsoluteUri[Prefix.Length..]) : null;

    public static string Message(MasterImage image)
    {
        var names = image.AwaitingUpload.Select(a => PackagePath(a.Location) ?? a.Id.ToString()).ToList();
        return $"{image.Name} cannot be published or deployed until its disk{(names.Count == 1 ? "" : "s")} {string.Join(", ", names)} "
            + $"{(names.Count == 1 ? "is" : "are")} uploaded (Library → image → Upload disk, or PUT /api/images/{image.Id}/artifacts/{{artifactId}}/content).";
    }
}
