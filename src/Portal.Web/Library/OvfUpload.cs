using System.Formats.Tar;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portal.Data.Library;
using Portal.Domain.Library;
using Portal.Domain.Library.Ovf;
using Portal.Domain.Validation;
using Portal.Web.Hosting;

namespace Portal.Web.Library;

/// <summary>
/// Imports an uploaded OVF descriptor or OVA package into the library as a draft. The upload is spooled to
/// disk first (the importer reads synchronously, and an OVA is read twice: descriptor, then disks). An OVA's
/// disk files are kept in the image's folder with their real size and SHA-256. Whatever fails, nothing is
/// left behind: no image row, no half-extracted folder, no spool file.
/// </summary>
public sealed partial class OvfUpload(
    ImageStore store, PortalPaths paths, IOptions<LibraryOptions> options, TimeProvider clock, ILogger<OvfUpload> logger)
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public async Task<ValidationResult<MasterImage>> ImportAsync(Stream upload, string fileName, string owner, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.Uploads);
        var spool = Path.Combine(paths.Uploads, $"{Guid.NewGuid():N}.upload");
        var imageId = Guid.NewGuid();
        var folder = paths.ImageFolder(imageId);
        try
        {
            if (!await SpoolAsync(upload, spool, cancellationToken))
            {
                return ValidationResult<MasterImage>.Failure("file", $"{fileName} is larger than the {MaxUploadBytes / (1024 * 1024)} MiB an upload may be (Portal:Library:MaxUploadBytes).");
            }

            var importOptions = new OvfImportOptions
            {
                ImageId = imageId,
                Owner = owner,
                CapturedAt = clock.GetUtcNow(),
                ArtifactBaseUri = new Uri(folder + Path.DirectorySeparatorChar),
            };
            ValidationResult<MasterImage> imported;
            await using (var read = File.OpenRead(spool))
            {
                imported = OvfImporter.ImportPackage(read, importOptions);
            }

            if (!imported.IsValid)
            {
                return imported;
            }

            var image = IsTar(spool) ? await ExtractDisksAsync(spool, folder, imported.Value, cancellationToken) : imported.Value;
            var saved = await store.CreateAsync(image, cancellationToken);
            if (saved.IsValid)
            {
                LogImported(image.Name, image.Version, fileName);
            }
            else
            {
                DeleteFolder(folder);
            }

            return saved;
        }
        catch
        {
            DeleteFolder(folder);
            throw;
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private async Task<bool> SpoolAsync(Stream upload, string spool, CancellationToken cancellationToken)
    {
        await using var file = File.Create(spool);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await upload.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxUploadBytes)
            {
                return false;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return true;
    }

    private static bool IsTar(string spool)
    {
        using var file = File.OpenRead(spool);
        Span<byte> head = stackalloc byte[262];
        return file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.Slice(257, 5).SequenceEqual("ustar"u8);
    }

    /// <summary>Writes each disk file the descriptor references into the image's folder and records its real size and hash.</summary>
    private static async Task<MasterImage> ExtractDisksAsync(string spool, string folder, MasterImage image, CancellationToken cancellationToken)
    {
        var wanted = image.Artifacts.ToDictionary(a => Path.GetFileName(a.Location.LocalPath), StringComparer.Ordinal);
        var found = new Dictionary<Guid, (long Size, string Sha256)>();
        Directory.CreateDirectory(folder);
        await using var read = File.OpenRead(spool);
        await using var tar = new TarReader(read);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            var name = Path.GetFileName(entry.Name);
            if (entry.DataStream is null || !wanted.TryGetValue(name, out var artifact))
            {
                continue;
            }

            var target = Path.Combine(folder, name);
            await using (var output = File.Create(target))
            {
                await entry.DataStream.CopyToAsync(output, cancellationToken);
            }

            await using var written = File.OpenRead(target);
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(written, cancellationToken));
            found[artifact.Id] = (written.Length, hash);
        }

        return image with
        {
            Artifacts = image.Artifacts
                .Select(a => found.TryGetValue(a.Id, out var file) ? a with { SizeBytes = Math.Max(1, file.Size), Sha256 = file.Sha256 } : a)
                .ToList(),
        };
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Name} {Version} from {FileName}")]
    private partial void LogImported(string name, string version, string fileName);
}
