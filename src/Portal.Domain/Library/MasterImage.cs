using Portal.Domain.Validation;

namespace Portal.Domain.Library;

/// <summary>
/// A library entry: one hardware template, one software stack and the artifacts that hold its bits. The same
/// description serves every platform, so an image captured from a physical server deploys to a VM and back.
/// </summary>
public sealed record MasterImage
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required string Version { get; init; }

    public required string Owner { get; init; }

    public ImageLifecycle Lifecycle { get; init; } = ImageLifecycle.Draft;

    public IReadOnlyList<string> Tags { get; init; } = [];

    public required HardwareTemplate Hardware { get; init; }

    public required SoftwareStack Software { get; init; }

    public required IReadOnlyList<ImageArtifact> Artifacts { get; init; }

    public bool IsRequestable => Lifecycle == ImageLifecycle.Published;

    /// <summary>The disks a descriptor-only import named whose bytes are not uploaded yet.</summary>
    public IReadOnlyList<ImageArtifact> AwaitingUpload => Artifacts.Where(a => a.AwaitingUpload).ToList();

    /// <summary>The artifact nothing was converted from: the original capture.</summary>
    public ImageArtifact? Original => Artifacts.FirstOrDefault(a => a.ConvertedFrom is null) ?? Artifacts.FirstOrDefault();

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new ValidationError("name", "Give the image a name."));
        }
        else if (Name.Length > 200)
        {
            errors.Add(new ValidationError("name", "Keep the name under 200 characters."));
        }
        else if (Name.Any(IsControlOrSeparator))
        {
            errors.Add(new ValidationError("name", "The name holds a control character; keep it to one line of printable text."));
        }

        if (Version is not null && Version.Any(IsControlOrSeparator))
        {
            errors.Add(new ValidationError("version", "The version holds a control character; keep it to printable text."));
        }

        if (string.IsNullOrWhiteSpace(Version))
        {
            errors.Add(new ValidationError("version", "Give the image a version."));
        }

        if (string.IsNullOrWhiteSpace(Owner))
        {
            errors.Add(new ValidationError("owner", "Name the image's owner."));
        }

        errors.AddRange(Hardware.Validate().Select(e => e with { Field = $"hardware.{e.Field}" }));
        errors.AddRange(Software.Validate());
        if (Hardware.Architecture != Software.Architecture)
        {
            errors.Add(new ValidationError("software.architecture", $"The software is built for {DisplayNames.Of(Software.Architecture)} but the hardware template is {DisplayNames.Of(Hardware.Architecture)}."));
        }

        if (Artifacts.Count == 0)
        {
            errors.Add(new ValidationError("artifacts", "An image needs at least one artifact."));
        }

        for (var i = 0; i < Artifacts.Count; i++)
        {
            errors.AddRange(Artifacts[i].Validate($"artifacts[{i}]"));
            if (Artifacts[i].ConvertedFrom is { } source && Artifacts.All(a => a.Id != source))
            {
                errors.Add(new ValidationError($"artifacts[{i}].convertedFrom", "It names an artifact this image does not have."));
            }
        }

        return errors;
    }

    /// <summary>Controls and line separators forge log lines and break layouts wherever a name is shown.</summary>
    private static bool IsControlOrSeparator(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    /// <summary>Moves the image along its lifecycle; only forward, one step or straight to Retired.</summary>
    public ValidationResult<MasterImage> MoveTo(ImageLifecycle target)
    {
        var allowed = (Lifecycle, target) switch
        {
            (ImageLifecycle.Draft, ImageLifecycle.Published) => true,
            (ImageLifecycle.Published, ImageLifecycle.Deprecated) => true,
            (ImageLifecycle.Draft or ImageLifecycle.Published or ImageLifecycle.Deprecated, ImageLifecycle.Retired) => true,
            _ => false,
        };
        if (!allowed)
        {
            return ValidationResult<MasterImage>.Failure("lifecycle", $"A {DisplayNames.InSentence(Lifecycle)} image cannot become {DisplayNames.InSentence(target)}.");
        }

        if (target == ImageLifecycle.Published && Validate() is { Count: > 0 } errors)
        {
            return ValidationResult<MasterImage>.Failure(errors);
        }

        if (target == ImageLifecycle.Published && AwaitingUpload.Count > 0)
        {
            return ValidationResult<MasterImage>.Failure("artifacts", PendingUploads.Message(this));
        }

        return ValidationResult<MasterImage>.Success(this with { Lifecycle = target });
    }
}
