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
    /// Whether members the format does not know are allowed. The reader always tolerates them (a newer portal may
    /// add some); the schema allows them only where this is true, so that an editor flags typos elsewhere.
    /// </summary>
    public bool AllowsUnknownMembers { get; init; }
}
