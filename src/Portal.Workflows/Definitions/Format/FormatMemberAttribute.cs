namespace Portal.Workflows.Definitions.Format;

/// <summary>Documents a member of the definition file format: its title and description in the JSON Schema and in messages.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class FormatMemberAttribute(string title, string description) : Attribute
{
    public string Title { get; } = title;

    public string Description { get; } = description;

    /// <summary>
    /// Whether a document must state the member although the record has a default for it (the schema version: a
    /// document without one is refused rather than read as the current version). Members declared <c>required</c>
    /// in C# are required in documents without this.
    /// </summary>
    public bool RequiredInDocuments { get; init; }
}
