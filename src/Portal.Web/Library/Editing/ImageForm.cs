using Portal.Domain.Library;

namespace Portal.Web.Library.Editing;

/// <summary>
/// A master image as the editor binds it: plain mutable rows that may be half-filled while the admin types.
/// <see cref="ToImage"/> makes the domain value, whose validation decides what is wrong and where.
/// </summary>
public sealed class ImageForm
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Name { get; set; } = "";

    public string Version { get; set; } = "1.0";

    public string Owner { get; set; } = "";

    public string? Description { get; set; }

    public string Tags { get; set; } = "";

    public ImageLifecycle Lifecycle { get; set; } = ImageLifecycle.Draft;

    public CpuArchitecture Architecture { get; set; } = CpuArchitecture.X86_64;

    public FirmwareType Firmware { get; set; } = FirmwareType.Bios;

    public List<RequirementRow> Requirements { get; set; } =
    [
        new() { Type = ResourceType.Processor, Quantity = 2 },
        new() { Type = ResourceType.Memory, Quantity = 4, Unit = ResourceUnit.GiB },
        new() { Type = ResourceType.Disk, Quantity = 40, Unit = ResourceUnit.GiB, Bus = DiskBus.Virtio },
    ];

    public OsFamily Family { get; set; } = OsFamily.Linux;

    public string Distribution { get; set; } = "";

    public string OsVersion { get; set; } = "";

    public string Components { get; set; } = "";

    public List<ParameterRow> Parameters { get; set; } = [];

    public List<ArtifactRow> Artifacts { get; set; } = [];

    public static ImageForm From(MasterImage image) => new()
    {
        Id = image.Id,
        Name = image.Name,
        Version = image.Version,
        Owner = image.Owner,
        Description = image.Description,
        Tags = string.Join(", ", image.Tags),
        Lifecycle = image.Lifecycle,
        Architecture = image.Hardware.Architecture,
        Firmware = image.Hardware.Firmware,
        Requirements = image.Hardware.Requirements.Select(r => new RequirementRow
        {
            Type = r.Type, Quantity = r.Quantity, Unit = r.Unit, Minimum = r.Minimum, Maximum = r.Maximum, Step = r.Step,
            Bus = r.Bus, Network = r.Network,
        }).ToList(),
        Family = image.Software.Family,
        Distribution = image.Software.Distribution,
        OsVersion = image.Software.Version,
        Components = string.Join(", ", image.Software.Components.Select(c => c.Version is null ? c.Name : $"{c.Name} {c.Version}")),
        Parameters = image.Software.Parameters.Select(p => new ParameterRow
        {
            Name = p.Name, Label = p.Label, Type = p.Type, Default = p.Default, Required = p.Required, Generate = p.Generate, Pattern = p.Pattern,
            Description = p.Description,
        }).ToList(),
        Artifacts = image.Artifacts.Select(a => new ArtifactRow
        {
            Id = a.Id, Format = a.Format, SizeBytes = a.SizeBytes, Sha256 = a.Sha256, Location = a.Location.ToString(),
            CapturedFrom = a.Provenance.CapturedFrom, SourceTechnology = a.Provenance.SourceTechnology,
            SourceServer = a.Provenance.SourceServer, CapturedAt = a.Provenance.CapturedAt.UtcDateTime, ConvertedFrom = a.ConvertedFrom,
        }).ToList(),
    };

    /// <summary>The domain image, or the fields that cannot even be read (an artifact location that is no URI).</summary>
    public (MasterImage? Image, Dictionary<string, string> Errors) ToImage()
    {
        var errors = new Dictionary<string, string>();
        var artifacts = new List<ImageArtifact>();
        for (var i = 0; i < Artifacts.Count; i++)
        {
            var row = Artifacts[i];
            if (!Uri.TryCreate(row.Location, UriKind.Absolute, out var location))
            {
                errors[$"artifacts[{i}].location"] = "Give an absolute URI, e.g. file:///images/web.qcow2 or https://store/web.vmdk.";
                continue;
            }

            artifacts.Add(new ImageArtifact
            {
                Id = row.Id,
                Format = row.Format,
                SizeBytes = row.SizeBytes,
                Sha256 = string.IsNullOrWhiteSpace(row.Sha256) ? null : row.Sha256.Trim().ToLowerInvariant(),
                Location = location,
                // A disk a descriptor-only import still awaits keeps waiting through an edit: its location says so.
                AwaitingUpload = PendingUploads.IsPending(location),
                Provenance = new Provenance(row.CapturedFrom, row.SourceTechnology,
                    string.IsNullOrWhiteSpace(row.SourceServer) ? null : row.SourceServer.Trim(),
                    new DateTimeOffset(DateTime.SpecifyKind(row.CapturedAt ?? DateTime.UtcNow, DateTimeKind.Utc))),
                ConvertedFrom = row.ConvertedFrom,
            });
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var image = new MasterImage
        {
            Id = Id,
            Name = Name.Trim(),
            Version = Version.Trim(),
            Owner = Owner.Trim(),
            Description = Description?.Trim() ?? "",
            Lifecycle = Lifecycle,
            Tags = Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList(),
            Hardware = new HardwareTemplate
            {
                Architecture = Architecture,
                Firmware = Firmware,
                Requirements = Requirements.Select(r => new ResourceRequirement
                {
                    Type = r.Type, Quantity = r.Quantity ?? 0, Unit = r.Unit, Minimum = r.Minimum, Maximum = r.Maximum, Step = r.Step,
                    Bus = r.Type == ResourceType.Disk ? r.Bus : null,
                    Network = r.Type == ResourceType.NetworkAdapter && !string.IsNullOrWhiteSpace(r.Network) ? r.Network.Trim() : null,
                }).ToList(),
            },
            Software = new SoftwareStack
            {
                Family = Family,
                Distribution = Distribution.Trim(),
                Version = OsVersion.Trim(),
                Architecture = Architecture,
                Components = Components.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(c => c.Split(' ', 2, StringSplitOptions.TrimEntries))
                    .Select(parts => new SoftwareComponent(parts[0], parts.Length > 1 ? parts[1] : null)).ToList(),
                Parameters = Parameters.Select(p => new ConfigurationParameter
                {
                    Name = p.Name.Trim(),
                    Label = string.IsNullOrWhiteSpace(p.Label) ? null : p.Label.Trim(),
                    Type = p.Type,
                    Default = p.Type == ParameterType.Secret || string.IsNullOrEmpty(p.Default) ? null : p.Default,
                    Required = p.Required,
                    Generate = p.Type == ParameterType.Secret && p.Generate,
                    Pattern = string.IsNullOrWhiteSpace(p.Pattern) ? null : p.Pattern,
                    Description = string.IsNullOrWhiteSpace(p.Description) ? null : p.Description.Trim(),
                }).ToList(),
            },
            Artifacts = artifacts,
        };
        return (image, errors);
    }

    /// <summary>One resource requirement as typed; the quantity may still be empty.</summary>
    public sealed class RequirementRow
    {
        public ResourceType Type { get; set; }

        public decimal? Quantity { get; set; }

        public ResourceUnit Unit { get; set; } = ResourceUnit.Count;

        public decimal? Minimum { get; set; }

        public decimal? Maximum { get; set; }

        public decimal? Step { get; set; }

        public DiskBus? Bus { get; set; }

        public string? Network { get; set; }
    }

    /// <summary>One configuration parameter as typed. A secret's default is never kept.</summary>
    public sealed class ParameterRow
    {
        public string Name { get; set; } = "";

        /// <summary>Empty means "show the name as words", which <see cref="NameAsWords"/> previews.</summary>
        public string? Label { get; set; }

        public string NameAsWords => ParameterLabels.FromName(Name.Trim());

        public ParameterType Type { get; set; }

        public string? Default { get; set; }

        public bool Required { get; set; }

        /// <summary>For a secret: the portal generates it when the requester leaves it empty (shown once to the owner).</summary>
        public bool Generate { get; set; }

        public string? Pattern { get; set; }

        public string? Description { get; set; }
    }

    /// <summary>One artifact with its provenance, as typed.</summary>
    public sealed class ArtifactRow
    {
        public Guid Id { get; set; } = Guid.NewGuid();

        public DiskFormat Format { get; set; } = DiskFormat.Qcow2;

        public long SizeBytes { get; set; }

        /// <summary>The size as the editor shows it; sizes of disk images read best in GiB.</summary>
        public decimal SizeGiB
        {
            get => decimal.Round(SizeBytes / (1024m * 1024 * 1024), 3);
            set => SizeBytes = (long)(value * 1024m * 1024 * 1024);
        }

        public string? Sha256 { get; set; }

        public string Location { get; set; } = "";

        public CaptureSource CapturedFrom { get; set; } = CaptureSource.Virtual;

        public PlatformTechnology SourceTechnology { get; set; } = PlatformTechnology.Kvm;

        public string? SourceServer { get; set; }

        public DateTime? CapturedAt { get; set; } = DateTime.UtcNow.Date;

        public Guid? ConvertedFrom { get; set; }
    }
}
