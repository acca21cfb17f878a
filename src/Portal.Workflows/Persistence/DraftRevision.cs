namespace Portal.Workflows.Persistence;

/// <summary>
/// How a definition's revision advances. A revision is an opaque token the designer hands back on its next save;
/// it must never repeat for one definition, or a save based on a deleted draft could pass for a save based on a new
/// one with the same number. So it follows the clock (milliseconds) and, when the clock stands still, counts on.
/// </summary>
public static class DraftRevision
{
    public static long Next(long head, DateTimeOffset at) => Math.Max(head + 1, at.ToUnixTimeMilliseconds());
}
