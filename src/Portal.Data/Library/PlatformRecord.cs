using Portal.Domain.Library;

namespace Portal.Data.Library;

/// <summary>
/// A platform as stored: name and kind as columns, capabilities and connection settings as a JSON document, the
/// connection's password encrypted (Data Protection) in a column of its own, never in the document.
/// </summary>
public sealed class PlatformRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public PlatformKind Kind { get; set; }

    public PlatformTechnology Technology { get; set; }

    public string Document { get; set; } = "";

    /// <summary>The connection password, protected; null when none is stored.</summary>
    public string? ProtectedPassword { get; set; }

    public Guid Revision { get; set; }
}
