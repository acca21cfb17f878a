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

    public IEnumerable<ValidationError> Validate(string field)
    {
        if (SizeBytes <= 0)
        {
            yield return new ValidationError($"{field}.sizeBytes", "The size must be greater than zero.");
        }

        if (Sha256 is not null && !Sha256Pattern().IsMatch(Sha256))
        {
            yield return new ValidationError($"{field}.sha256", "A SHA-256 is 64 lower-case hexadecimal characters.");
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}\\z")]
    private static partial Regex Sha256Pattern();
}
