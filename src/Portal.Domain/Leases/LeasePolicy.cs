namespace Portal.Domain.Leases;

/// <summary>
/// An admin's lease policy for a scope: the default (<see cref="Subject"/> empty), an image (its id) or a role (its
/// name). <see cref="SubjectName"/> is what people read (the image's name at the time it was saved).
/// </summary>
public sealed record LeasePolicy
{
    public required LeasePolicyScope Scope { get; init; }

    public string Subject { get; init; } = "";

    public string SubjectName { get; init; } = "";

    public required LeaseTerms Terms { get; init; }

    public string UpdatedBy { get; init; } = "";

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The one key of a scope and subject, as stored ("default", "image:…", "role:…").</summary>
    public string Key => KeyOf(Scope, Subject);

    public static string KeyOf(LeasePolicyScope scope, string subject) => scope switch
    {
        LeasePolicyScope.Default => "default",
        LeasePolicyScope.Image => $"image:{subject.ToLowerInvariant()}",
        _ => $"role:{subject.ToLowerInvariant()}",
    };

    public string Describe() => Scope switch
    {
        LeasePolicyScope.Default => "the portal's default lease policy",
        LeasePolicyScope.Image => $"the lease policy of image {(SubjectName.Length > 0 ? SubjectName : Subject)}",
        _ => $"the lease policy of role {Subject}",
    };
}
