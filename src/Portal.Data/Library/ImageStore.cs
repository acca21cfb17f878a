using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Library;
using Portal.Domain.Validation;

namespace Portal.Data.Library;

/// <summary>
/// Reads and writes the image library. Every write validates the image first, so nothing invalid (or half
/// imported) is ever stored; the filter columns are refreshed from the document on every save. A platform saved is
/// recorded in the audit log (when one is given: the portal always gives it), with the same SaveChanges.
/// </summary>
public sealed class ImageStore(PortalDbContext db, TimeProvider clock, IDataProtectionProvider protection, IAuditLog? audit = null)
{
    /// <summary>The Data Protection purpose of platform connection passwords.</summary>
    public const string PasswordPurpose = "Portal.Library.PlatformPassword";

    private readonly IDataProtector protector = protection.CreateProtector(PasswordPurpose);

    public async Task<ImagePage> QueryAsync(ImageQuery query, CancellationToken cancellationToken)
    {
        var images = db.Images.AsNoTracking();
        if (!query.IncludeUnpublished)
        {
            images = images.Where(i => i.Lifecycle == ImageLifecycle.Published);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToUpperInvariant();
            images = images.Where(i => i.Name.ToUpper().Contains(term) || i.OsLabel.ToUpper().Contains(term)
                                       || i.Tags.ToUpper().Contains(term) || i.HardwareSummary.ToUpper().Contains(term));
        }

        if (query.OsFamily is { } family)
        {
            images = images.Where(i => i.OsFamily == family);
        }

        if (query.Architecture is { } architecture)
        {
            images = images.Where(i => i.Architecture == architecture);
        }

        if (query.CapturedFrom is { } source)
        {
            images = images.Where(i => i.CapturedFrom == source);
        }

        if (query.Lifecycle is { } lifecycle)
        {
            images = images.Where(i => i.Lifecycle == lifecycle);
        }

        images = Sort(images, query.SortBy, query.Descending);
        var size = Math.Clamp(query.PageSize, 1, ImageQuery.MaxPageSize);
        var skip = Math.Max(0, query.Page) * size;

        if (query.CompatibleWith is { } platformId)
        {
            // Compatibility is computed from the model, not stored: filter the matching rows in memory, in order.
            var platform = await FindPlatformAsync(platformId, cancellationToken);
            if (platform is null)
            {
                return new ImagePage([], 0);
            }

            var compatible = (await images.ToListAsync(cancellationToken))
                .Where(r => CompatibilityRules.Check(LibraryJson.ReadImage(r.Document), platform).Compatible)
                .ToList();
            return new ImagePage(compatible.Skip(skip).Take(size).Select(ToSummary).ToList(), compatible.Count);
        }

        var total = await images.CountAsync(cancellationToken);
        var page = await images.Skip(skip).Take(size).ToListAsync(cancellationToken);
        return new ImagePage(page.Select(ToSummary).ToList(), total);
    }

    /// <summary>
    /// The published images, whole and in name order, optionally of one OS family and architecture: the service
    /// catalog filters them further by what is computed rather than stored (the platforms that can run them).
    /// </summary>
    public async Task<IReadOnlyList<MasterImage>> PublishedAsync(OsFamily? family, CpuArchitecture? architecture, CancellationToken cancellationToken)
    {
        var images = db.Images.AsNoTracking().Where(i => i.Lifecycle == ImageLifecycle.Published);
        if (family is { } os)
        {
            images = images.Where(i => i.OsFamily == os);
        }

        if (architecture is { } arch)
        {
            images = images.Where(i => i.Architecture == arch);
        }

        var documents = await images.OrderBy(i => i.Name).ThenBy(i => i.Version).Select(i => i.Document).ToListAsync(cancellationToken);
        return documents.Select(LibraryJson.ReadImage).ToList();
    }

    /// <summary>The images with these ids, in one query (a list's labels); ids with no image are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, MasterImage>> FindManyAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<Guid, MasterImage>();
        }

        var documents = await db.Images.AsNoTracking().Where(i => wanted.Contains(i.Id)).Select(i => i.Document).ToListAsync(cancellationToken);
        return documents.Select(LibraryJson.ReadImage).ToDictionary(i => i.Id);
    }

    public async Task<MasterImage?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.Images.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        return record is null ? null : LibraryJson.ReadImage(record.Document);
    }

    public async Task<ValidationResult<MasterImage>> CreateAsync(MasterImage image, CancellationToken cancellationToken)
    {
        var errors = image.Validate().ToList();
        if (await db.Images.AnyAsync(i => i.Id == image.Id, cancellationToken))
        {
            errors.Add(new ValidationError("id", "An image with this id already exists."));
        }

        errors.AddRange(await NameClashAsync(image, cancellationToken));
        if (errors.Count > 0)
        {
            return ValidationResult<MasterImage>.Failure(errors);
        }

        var now = clock.GetUtcNow();
        var record = new ImageRecord { Id = image.Id, CreatedAt = now };
        Fill(record, image, now);
        db.Images.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return ValidationResult<MasterImage>.Success(image);
    }

    public async Task<ValidationResult<MasterImage>> UpdateAsync(MasterImage image, CancellationToken cancellationToken)
    {
        var record = await db.Images.FirstOrDefaultAsync(i => i.Id == image.Id, cancellationToken);
        if (record is null)
        {
            return ValidationResult<MasterImage>.Failure("id", "There is no image with this id.");
        }

        var current = LibraryJson.ReadImage(record.Document);
        if (current.Lifecycle != image.Lifecycle)
        {
            return ValidationResult<MasterImage>.Failure("lifecycle", "Change the lifecycle with publish, deprecate or retire, not by editing.");
        }

        var errors = image.Validate().ToList();
        errors.AddRange(await NameClashAsync(image, cancellationToken));
        if (errors.Count > 0)
        {
            return ValidationResult<MasterImage>.Failure(errors);
        }

        Fill(record, image, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return ValidationResult<MasterImage>.Success(image);
    }

    public async Task<ValidationResult<MasterImage>> MoveToAsync(Guid id, ImageLifecycle target, CancellationToken cancellationToken)
    {
        var record = await db.Images.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (record is null)
        {
            return ValidationResult<MasterImage>.Failure("id", "There is no image with this id.");
        }

        var moved = LibraryJson.ReadImage(record.Document).MoveTo(target);
        if (moved.IsValid)
        {
            Fill(record, moved.Value, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }

        return moved;
    }

    public async Task<IReadOnlyList<Platform>> PlatformsAsync(CancellationToken cancellationToken)
    {
        var records = await db.Platforms.AsNoTracking().OrderBy(p => p.Kind).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        return records.Select(Read).ToList();
    }

    public async Task<Platform?> FindPlatformAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.Platforms.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return record is null ? null : Read(record);
    }

    /// <summary>
    /// Saves the platform. Its connection password is write-only: an empty one keeps the password stored before (when
    /// the driver stays the same), a new one replaces it; the document never holds it.
    /// </summary>
    public async Task<ValidationResult<Platform>> SavePlatformAsync(Platform platform, CancellationToken cancellationToken)
    {
        var errors = PlatformRules.Validate(platform).ToList();
        if (await db.Platforms.AnyAsync(p => p.Name == platform.Name && p.Id != platform.Id, cancellationToken))
        {
            errors.Add(new ValidationError("name", $"A platform named {platform.Name} already exists."));
        }

        if (errors.Count > 0)
        {
            return ValidationResult<Platform>.Failure(errors);
        }

        var record = await db.Platforms.FirstOrDefaultAsync(p => p.Id == platform.Id, cancellationToken);
        var created = record is null;
        if (record is null)
        {
            record = new PlatformRecord { Id = platform.Id };
            db.Platforms.Add(record);
        }

        var stored = record.Document.Length == 0 ? null : LibraryJson.ReadPlatform(record.Document).Connection;
        record.Name = platform.Name;
        record.Kind = platform.Kind;
        record.Technology = platform.Technology;
        record.Document = LibraryJson.Write(platform);
        var password = platform.Connection?.Password.Reveal() ?? "";
        if (platform.Connection is null || (password.Length == 0 && stored?.Driver != platform.Connection.Driver))
        {
            // Credentials belong to the driver they were given for: another driver (or none) starts without them.
            record.ProtectedPassword = null;
        }
        else if (password.Length > 0)
        {
            record.ProtectedPassword = protector.Protect(password);
        }

        record.Revision = Guid.NewGuid();
        if (audit is null)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await audit.RecordWithAsync(
                new AuditEntry(AuditAction.PlatformChanged, AuditTarget.Platform(platform.Id, platform.Name), $"{(created ? "Created" : "Changed")}: {platform.Kind}, {platform.Technology}."),
                () => db.SaveChangesAsync(cancellationToken), _ => true, cancellationToken);
        }

        return ValidationResult<Platform>.Success(Read(record));
    }

    /// <summary>Removes the platform's stored connection password (an empty field on a save keeps it).</summary>
    public async Task<bool> ClearPlatformPasswordAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.Platforms.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (record is null)
        {
            return false;
        }

        record.ProtectedPassword = null;
        record.Revision = Guid.NewGuid();
        if (audit is null)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await audit.RecordWithAsync(
                new AuditEntry(AuditAction.PlatformChanged, AuditTarget.Platform(record.Id, record.Name), "Connection password cleared."),
                () => db.SaveChangesAsync(cancellationToken), _ => true, cancellationToken);
        }

        return true;
    }

    private Platform Read(PlatformRecord record)
    {
        var platform = LibraryJson.ReadPlatform(record.Document);
        return platform.Connection is { } connection && record.ProtectedPassword is { } protectedPassword
            ? platform with { Connection = connection with { Password = new SecretValue(protector.Unprotect(protectedPassword)) } }
            : platform;
    }

    private async Task<IEnumerable<ValidationError>> NameClashAsync(MasterImage image, CancellationToken cancellationToken) =>
        await db.Images.AnyAsync(i => i.Name == image.Name && i.Version == image.Version && i.Id != image.Id, cancellationToken)
            ? [new ValidationError("version", $"{image.Name} already has a version {image.Version}; give this one another version.")]
            : [];

    private static void Fill(ImageRecord record, MasterImage image, DateTimeOffset now)
    {
        var original = image.Original;
        record.Name = image.Name;
        record.Version = image.Version;
        record.Owner = image.Owner;
        record.Lifecycle = image.Lifecycle;
        record.OsFamily = image.Software.Family;
        record.OsLabel = image.Software.OsLabel;
        record.Architecture = image.Hardware.Architecture;
        record.CapturedFrom = original?.Provenance.CapturedFrom ?? CaptureSource.Virtual;
        record.SourceTechnology = original?.Provenance.SourceTechnology ?? PlatformTechnology.Simulated;
        record.Tags = "|" + string.Concat(image.Tags.Select(t => t + "|"));
        record.HardwareSummary = image.Hardware.Summary();
        record.Document = LibraryJson.Write(image);
        record.UpdatedAt = now;
        record.Revision = Guid.NewGuid();
    }

    private static IQueryable<ImageRecord> Sort(IQueryable<ImageRecord> images, string? sortBy, bool descending) =>
        (sortBy, descending) switch
        {
            (nameof(ImageSummary.Version), false) => images.OrderBy(i => i.Version).ThenBy(i => i.Name),
            (nameof(ImageSummary.Version), true) => images.OrderByDescending(i => i.Version).ThenBy(i => i.Name),
            (nameof(ImageSummary.OsLabel), false) => images.OrderBy(i => i.OsLabel).ThenBy(i => i.Name),
            (nameof(ImageSummary.OsLabel), true) => images.OrderByDescending(i => i.OsLabel).ThenBy(i => i.Name),
            (nameof(ImageSummary.Lifecycle), false) => images.OrderBy(i => i.Lifecycle).ThenBy(i => i.Name),
            (nameof(ImageSummary.Lifecycle), true) => images.OrderByDescending(i => i.Lifecycle).ThenBy(i => i.Name),
            (nameof(ImageSummary.UpdatedAt), false) => images.OrderBy(i => i.UpdatedAt).ThenBy(i => i.Name),
            (nameof(ImageSummary.UpdatedAt), true) => images.OrderByDescending(i => i.UpdatedAt).ThenBy(i => i.Name),
            (_, true) => images.OrderByDescending(i => i.Name).ThenByDescending(i => i.Version),
            _ => images.OrderBy(i => i.Name).ThenBy(i => i.Version),
        };

    private static ImageSummary ToSummary(ImageRecord r) => new(
        r.Id, r.Name, r.Version, r.Lifecycle, r.OsFamily, r.OsLabel, r.Architecture, r.CapturedFrom, r.SourceTechnology,
        r.HardwareSummary, r.Tags.Split('|', StringSplitOptions.RemoveEmptyEntries), r.UpdatedAt);
}
