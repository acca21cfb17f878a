using Portal.Domain.Validation;

namespace Portal.Web.Provisioning;

/// <summary>
/// What an admin action on a deployment or the inventory came to: the changed item, "there is no such item",
/// or the reasons it was refused. The API turns it into 200/202, 404 or a validation problem; a page shows the messages.
/// </summary>
public sealed record AdminOutcome<T>
    where T : class
{
    public T? Value { get; private init; }

    /// <summary>Why there is nothing to act on (an unknown id); null when the item exists.</summary>
    public string? Missing { get; private init; }

    public IReadOnlyList<ValidationError> Errors { get; private init; } = [];

    public bool Succeeded => Value is not null;

    /// <summary>Every reason the action did not happen, as people read them.</summary>
    public IReadOnlyList<string> Messages => Missing is { } missing ? [missing] : Errors.Select(e => e.Message).ToList();

    public static AdminOutcome<T> Done(T value) => new() { Value = value };

    public static AdminOutcome<T> NotFound(string message) => new() { Missing = message };

    public static AdminOutcome<T> Refused(IReadOnlyList<ValidationError> errors) => new() { Errors = errors };
}
