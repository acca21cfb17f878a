using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;

namespace Portal.Web.Provisioning.Deployments;

/// <summary>
/// The "Deploy now" form of one image: where (placement and, optionally, one of the platforms that can run it),
/// the sizes its template lets a deployment choose, and its software parameters. It turns into the same
/// <see cref="DeploymentOrder"/> the API makes, and sorts a refusal's errors to the fields they concern.
/// </summary>
public sealed class DeployForm
{
    private readonly IReadOnlyList<Platform> compatible;
    private ILookup<string, string> errors = Array.Empty<ValidationError>().ToLookup(e => e.Field, e => e.Message, StringComparer.OrdinalIgnoreCase);

    public DeployForm(MasterImage image, IEnumerable<Platform> compatiblePlatforms)
    {
        Image = image;
        compatible = compatiblePlatforms.ToList();
        Sizes = image.Hardware.Requirements.Select(r => r.Type).Distinct().Select(t => new SizeField(image.Hardware.Primary(t)!)).ToList();
        Parameters = image.Software.Parameters.Select(p => new ParameterField(p)).ToList();
    }

    public MasterImage Image { get; }

    public Placement Placement { get; private set; } = Placement.Any;

    public Guid? PlatformId { get; set; }

    public IReadOnlyList<SizeField> Sizes { get; }

    public IReadOnlyList<ParameterField> Parameters { get; }

    /// <summary>The platforms that can run the image and suit the placement.</summary>
    public IReadOnlyList<Platform> Platforms => compatible.Where(p => Suits(p, Placement)).ToList();

    /// <summary>False when no platform can run the image at all: the form cannot succeed, and says so.</summary>
    public bool CanRunAnywhere => compatible.Count > 0;

    /// <summary>Changes the placement, and forgets a chosen platform of the other kind.</summary>
    public void ChangePlacement(Placement placement)
    {
        Placement = placement;
        if (PlatformId is { } chosen && !Platforms.Any(p => p.Id == chosen))
        {
            PlatformId = null;
        }
    }

    public DeploymentOrder ToOrder(string requestedBy) => new()
    {
        ImageId = Image.Id,
        Placement = Placement,
        PlatformId = PlatformId,
        Hardware = Sizes.Where(s => s.Adjustable).ToDictionary(s => s.Type, s => s.Value),
        Parameters = Parameters.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase),
        RequestedBy = requestedBy,
        // Admins deploy drafts to try them, as the API lets them.
        AllowUnpublished = true,
    };

    /// <summary>Keeps a refusal's errors, so each field can show its own.</summary>
    public void Refused(IReadOnlyList<ValidationError> refusal) =>
        errors = refusal.ToLookup(e => e.Field, e => e.Message, StringComparer.OrdinalIgnoreCase);

    public void ClearErrors() => Refused([]);

    public bool HasError(string key) => errors.Contains(key);

    public string ErrorFor(string key) => string.Join(" ", errors[key]);

    /// <summary>The errors no field shows (the image itself, anything unexpected): the form shows them above the fields.</summary>
    public IReadOnlyList<string> OtherErrors
    {
        get
        {
            var keys = Sizes.Select(s => s.Key).Concat(Parameters.Select(p => p.Key)).Append(PlacementKey).Append(PlatformKey)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            return errors.Where(g => !keys.Contains(g.Key)).SelectMany(g => g).ToList();
        }
    }

    public const string PlacementKey = "placement";

    public const string PlatformKey = "platformId";

    private static bool Suits(Platform platform, Placement placement) => placement switch
    {
        Placement.Physical => platform.Kind == PlatformKind.Physical,
        Placement.Virtual => platform.Kind == PlatformKind.Virtual,
        _ => true,
    };
}
