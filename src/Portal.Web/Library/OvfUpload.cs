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
/// disk first (the importer reads synchronously, and an OVA is read twice: descriptor, then every entry). An OVA's
/// disk files are kept in the image's folder with their real size and SHA-256, its manifest verified. A plain
/// descriptor becomes a draft whose disks await their upload (<see cref="UploadDiskAsync"/>). Whatever fails,
/// nothing is left behind: no image row, no half-extracted folder, no spool file.
/// </summary>
public sealed partial class OvfUpload(
    ImageStore store, PortalPaths paths, IOptions<LibraryOptions> options, IOptions<OvfLimitsOptions> limits, TimeProvider clock, ILogger<OvfUpload> logger)
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public async Task<ValidationResult<MasterImage>> ImportAsync(Stream upload, string fileName, string owner, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.Uploads);
        var spool = Path.Combine(paths.Uploads, $"{Guid.NewGuid():N}.upload");
        var imageId = Guid.NewGuid();
        var folder = paths.ImageFolder(imageId);
        var shownName = OvfPackagePath.Printable(fileName);
        try
        {
            if (!await SpoolAsync(upload, spool, cancellationToken))
            {
                return ValidationResult<MasterImage>.Failure("file", $"{shownName} is larger than the {MaxUploadBytes / (1024 * 1024)} MiB an upload may be (Portal:Library:MaxUploadBytes).");
            }

            var artifactBase = new Uri(folder + Path.DirectorySeparatorChar);
            var importOptions = new OvfImportOptions
            {
                ImageId = imageId,
                Owner = owner,
                CapturedAt = clock.GetUtcNow(),
                ArtifactBaseUri = artifactBase,
                MaxDescriptorBytes = limits.Value.MaxDescriptorBytes,
                MaxDisks = limits.Value.MaxDisks,
                MaxNetworkAdapters = limits.Value.MaxNetworkAdapters,
                MaxProperties = limits.Value.MaxProperties,
            };
            ValidationResult<MasterImage> imported;
            await using (var read = File.OpenRead(spool))
            {
                imported = OvfImporter.ImportPackage(read, importOptions);
            }

            if (imported.IsValid && IsTar(spool))
            {
                Directory.CreateDirectory(folder);
                await using var read = File.OpenRead(spool);
                imported = await OvaExtractor.ExtractAsync(read, imported.Value, artifactBase, folder, cancellationToken);
            }
            else if (imported.IsValid)
            {
                imported = ValidationResult<MasterImage>.Success(AwaitingUploads(imported.Value, artifactBase));
            }

            var saved = imported.IsValid ? await store.CreateAsync(imported.Value, cancellationToken) : imported;
            if (saved.IsValid)
            {
                LogImported(OvfPackagePath.Printable(saved.Value.Name), OvfPackagePath.Printable(saved.Value.Version), shownName, saved.Value.AwaitingUpload.Count);
            }
            else
            {
                LogRefused(shownName, saved.Errors.Count, OvfPackagePath.Printable(saved.Errors[0].Message));
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

    /// <summary>
    /// The bytes of a disk a descriptor-only import named: written into the image's folder under the name the
    /// descriptor gave it, its size and SHA-256 recorded (and checked when the descriptor gave a SHA-256). Null
    /// when there is no such image or disk.
    /// </summary>
    public async Task<ValidationResult<MasterImage>?> UploadDiskAsync(Guid imageId, Guid artifactId, Stream upload, CancellationToken cancellationToken)
    {
        var image = await store.FindAsync(imageId, cancellationToken);
        var artifact = image?.Artifacts.FirstOrDefault(a => a.Id == artifactId);
        if (image is null || artifact is null)
        {
            return null;
        }

        if (image.Lifecycle != ImageLifecycle.Draft)
        {
            return ValidationResult<MasterImage>.Failure("artifact", $"{OvfPackagePath.Printable(image.Name)} is {DisplayNames.InSentence(image.Lifecycle)}; only a draft's disks are uploaded.");
        }

        if (!artifact.AwaitingUpload || PendingUploads.PackagePath(artifact.Location) is not { } packagePath)
        {
            return ValidationResult<MasterImage>.Failure("artifact", "This disk is uploaded already; import a new version of the image to change it.");
        }

        var path = OvfPackagePath.FromEntryName(packagePath);
        if (!path.IsValid)
        {
            return ValidationResult<MasterImage>.Failure("artifact", $"The disk's name '{OvfPackagePath.Printable(packagePath)}' is not a file name: {path.Problem}.");
        }

        var folder = Path.GetFullPath(paths.ImageFolder(imageId));
        var target = Path.GetFullPath(Path.Combine(folder, path.Path!.Replace('/', Path.DirectorySeparatorChar)));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var part = Path.Combine(folder, $".{Guid.NewGuid():N}.part");
        var moved = false;
        try
        {
            var written = await WriteHashedAsync(upload, part, cancellationToken);
            if (written is null)
            {
                return ValidationResult<MasterImage>.Failure("file", $"The disk is larger than the {MaxUploadBytes / (1024 * 1024)} MiB an upload may be (Portal:Library:MaxUploadBytes).");
            }

            var (size, sha256) = written.Value;
            if (size == 0)
            {
                return ValidationResult<MasterImage>.Failure("file", "The upload is empty; send the disk file's bytes as the body.");
            }

            if (artifact.Sha256 is { } expected && expected != sha256)
            {
                return ValidationResult<MasterImage>.Failure("file", $"The upload does not match the SHA-256 the descriptor gives for {OvfPackagePath.Printable(path.Path!)}: the file was changed or damaged.");
            }

            if (!TryMove(part, target))
            {
                // Another upload of the same disk got there first (or one was interrupted after writing): never clobber it.
                return ValidationResult<MasterImage>.Failure("file", $"{OvfPackagePath.Printable(path.Path!)} is being uploaded already; reload the image to see it.");
            }

            moved = true;
            var uploaded = artifact with { AwaitingUpload = false, Location = new Uri(target), SizeBytes = size, Sha256 = sha256 };
            var saved = await store.UpdateAsync(image with { Artifacts = image.Artifacts.Select(a => a.Id == artifactId ? uploaded : a).ToList() }, cancellationToken);
            if (!saved.IsValid)
            {
                File.Delete(target);
            }
            else
            {
                LogDiskUploaded(OvfPackagePath.Printable(path.Path!), OvfPackagePath.Printable(saved.Value.Name), size);
            }

            return saved;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            File.Delete(target);
            return ValidationResult<MasterImage>.Failure("image", "The image was changed while the disk was uploaded; reload it and upload the disk again.");
        }
        catch
        {
            if (moved)
            {
                File.Delete(target);
            }

            throw;
        }
        finally
        {
            File.Delete(part);
        }
    }

    private static bool TryMove(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(to))
        {
            return false;
        }
    }

    /// <summary>A plain descriptor comes without its disks: each is marked awaiting its upload, with no path that does not exist.</summary>
    private static MasterImage AwaitingUploads(MasterImage image, Uri artifactBase) => image with
    {
        Artifacts = image.Artifacts
            .Select(a => a with
            {
                AwaitingUpload = true,
                Location = PendingUploads.Location(OvfPackagePath.Within(artifactBase, a.Location) ?? a.Id.ToString()),
            })
            .ToList(),
    };

    private async Task<bool> SpoolAsync(Stream upload, string spool, CancellationToken cancellationToken) =>
        await WriteHashedAsync(upload, spool, cancellationToken) is not null;

    /// <summary>Writes the stream to the file, hashing it on the way; null when it is larger than an upload may be.</summary>
    private async Task<(long Size, string Sha256)?> WriteHashedAsync(Stream upload, string file, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var output = File.Create(file);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await upload.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxUploadBytes)
            {
                return null;
            }

            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static bool IsTar(string spool)
    {
        using var file = File.OpenRead(spool);
        Span<byte> head = stackalloc byte[262];
        return file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.Slice(257, 5).SequenceEqual("ustar"u8);
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Names reach the log only after the import refused control characters in them, or through Printable.
    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Name} {Version} from {FileName} ({AwaitingUpload} disks awaiting upload)")]
    private partial void LogImported(string name, string version, string fileName, int awaitingUpload);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused the OVF import of {FileName}: {Count} problems, the first: {First}")]
    private partial void LogRefused(string fileName, int count, string first);

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded the disk {Disk} of {Name} ({Size} bytes)")]
    private partial void LogDiskUploaded(string disk, string name, long size);
}
