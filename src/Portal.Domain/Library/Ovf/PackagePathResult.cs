namespace Portal.Domain.Library.Ovf;

/// <summary>A normalised path inside an OVF package, or why there is none.</summary>
public sealed record PackagePathResult(string? Path, string? Problem)
{
    public bool IsValid => Path is not null;

    public static PackagePathResult Inside(string path) => new(path, null);

    public static PackagePathResult Refused(string problem) => new(null, problem);
}
