using Portal.Data.Library;

namespace Portal.Web.Library;

/// <summary>Fills an empty library with the demo platforms and images; a library with anything in it is left alone.</summary>
public sealed partial class LibrarySeeder(ImageStore store, ILogger<LibrarySeeder> logger)
{
    public const string DemoOwner = "admin@portal.local";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if ((await store.PlatformsAsync(cancellationToken)).Count > 0
            || (await store.QueryAsync(new ImageQuery { IncludeUnpublished = true, PageSize = 1 }, cancellationToken)).TotalCount > 0)
        {
            return;
        }

        foreach (var platform in LibraryDemoData.Platforms)
        {
            Ensure((await store.SavePlatformAsync(platform, cancellationToken)).Errors, platform.Name);
        }

        foreach (var image in LibraryDemoData.Images(DemoOwner))
        {
            Ensure((await store.CreateAsync(image, cancellationToken)).Errors, image.Name);
        }

        LogSeeded(LibraryDemoData.Platforms.Count, LibraryDemoData.Images(DemoOwner).Count);
    }

    private static void Ensure(IReadOnlyList<Portal.Domain.Validation.ValidationError> errors, string name)
    {
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"Demo entry {name} is invalid: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo library seeded: {Platforms} platforms, {Images} images")]
    private partial void LogSeeded(int platforms, int images);
}
