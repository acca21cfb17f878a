using Portal.Domain.Library;

namespace Portal.Data.Library;

/// <summary>A platform as stored: name and kind as columns, capabilities as a JSON document.</summary>
public sealed class PlatformRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public PlatformKind Kind { get; set; }

    public PlatformTechnology Technology { get; set; }

    public string Document { get; set; } = "";

    public Guid Revision { get; set; }
}
