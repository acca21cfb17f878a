using System.Text.RegularExpressions;
using Portal.Domain.Validation;

namespace Portal.Domain.Library;

/// <summary>
/// The captured bits of an image in one format. Converted forms of the same content are artifacts of the
/// same image whose <see cref="ConvertedFrom"/> names the artifact they were made from.
/// </summary>
public sealed partial record ImageArtifact
{
    public required Guid Id { get; init; }

    public required DiskFormat Format { get; init; }

    public required long SizeBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file, when known.</summary>
    public string? Sha256 { get; init; }

    public required Uri Location { get; init; }

    public required Provenance Provenance { get; init; }

    public Guid? ConvertedFrom { get; init; }

    /// <summary>
    /// The descriptor names this disk but its bytes were not uploaded yet (a descriptor-only OVF import): the
    /// location then names the package file awaited (<see cref="PendingUploads"/>), never a path. The image stays a
    /// draft that cannot be published or deployed until every such disk is uploaded.
    /// </summary>
    public bool AwaitingUpload { get; init; }

    public IEnumerable<ValidationError> Validate(string field)
    {
        if (SizeBytes <= 0)
        {
            yield return new ValidationError($"{field}.sizeBytes", "The size must be greater than zero.");
        }

        if (!Location.IsAbsoluteUri)
        {
            // Every reader (boot endpoints, converters, drivers) opens an artifact by its URI: a relative one opens nothing.
            yield return new ValidationError($"{field}.location", $"'{Location.OriginalString}' is not an absolute URI (file:///…, http(s)://…).");
        }
        else if (AwaitingUpload != PendingUploads.IsPending(Location))
        {
            yield return new ValidationError($"{field}.location", AwaitingUpload
                ? "A disk awaiting its upload has no location yet."
                : "Only a disk awaiting its upload may have a pending location.");
        }

        if (Sha256 is not null && !Sha256Pattern().IsMatch(Sha256))
        {
            yield return new ValidationError($"{field}.sha256", "A SHA-256 is 64 lower-case hexadecimal characters.");
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}\\z")]
    private static partial Regex Sha256Pattern();
}
