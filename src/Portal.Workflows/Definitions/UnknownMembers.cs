using System.Text.Json;

namespace Portal.Workflows.Definitions;

/// <summary>
/// The members of a definition or an activity that this portal does not know (written by a newer portal of the same
/// schema version, or by a tool), kept as they were read so that saving writes them back: the designer's round trip
/// is lossless. Compared by value, so that two records read from the same text are equal.
/// </summary>
/// <remarks>
/// A dictionary because System.Text.Json keeps unknown members only in one ([JsonExtensionData]). Treat it as
/// read-only, like the records that hold it: an edit makes a new record, and records share this instance.
/// </remarks>
public sealed class UnknownMembers : Dictionary<string, JsonElement>, IEquatable<UnknownMembers>
{
    public UnknownMembers()
        : base(StringComparer.Ordinal)
    {
    }

    public bool Equals(UnknownMembers? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Count == other.Count && this.All(m => other.TryGetValue(m.Key, out var value) && JsonElement.DeepEquals(m.Value, value))));

    public override bool Equals(object? obj) => Equals(obj as UnknownMembers);

    // The names are enough to spread records in a hash set; DeepEquals decides.
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var name in Keys)
        {
            hash ^= StringComparer.Ordinal.GetHashCode(name);
        }

        return hash;
    }
}
