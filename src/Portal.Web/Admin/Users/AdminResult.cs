namespace Portal.Web.Admin.Users;

/// <summary>
/// The outcome of an administrative change: success, or messages keyed by the field they concern
/// ("" for the whole form), ready to show next to the fields.
/// </summary>
public sealed record AdminResult(IReadOnlyDictionary<string, string[]> Errors)
{
    public static AdminResult Ok { get; } = new(new Dictionary<string, string[]>());

    public bool Succeeded => Errors.Count == 0;

    public static AdminResult Fail(string field, params string[] messages) =>
        new(new Dictionary<string, string[]> { [field] = messages });
}
