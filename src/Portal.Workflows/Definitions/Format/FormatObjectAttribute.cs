namespace Portal.Workflows.Definitions.Format;

/// <summary>
/// Marks a record as an object of the definition file format and documents it: <see cref="Name"/> names it in the
/// JSON Schema's <c>$defs</c>, <see cref="Title"/> and <see cref="Description"/> are what an admin's editor shows.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FormatObjectAttribute(string name, string title, string description) : Attribute
{
    public string Name { get; } = name;

    public string Title { get; } = title;

    public string Description { get; } = description;

    /// <summary>
    /// Whether members the format does not know are allowed (a newer portal or a tool may add some). Where this is
    /// true, the schema allows them and the record keeps them in a [JsonExtensionData] <see cref="UnknownMembers"/>
    /// member, written back on save; elsewhere the schema and the reader both refuse them, so typos are caught.
    /// </summary>
    public bool AllowsUnknownMembers { get; init; }
}
