using Portal.Domain.Validation;

namespace Portal.Web.Provisioning.Inventory;

/// <summary>
/// A refusal's errors, sorted to the fields that show them: a field asks for its key (<c>bmc.password</c>,
/// <c>facts.nics[0].macAddress</c>); whatever no field of the form shows goes above the fields. Keys compare
/// without regard to case, as the API's JSON names do.
/// </summary>
public sealed class FormErrors
{
    private IReadOnlyList<ValidationError> errors = [];

    public void Refused(IReadOnlyList<ValidationError> refusal) => errors = refusal;

    /// <summary>Keeps why an admin action did not happen: its errors, or that the item is gone (shown above the fields).</summary>
    public void Refused<T>(AdminOutcome<T> outcome)
        where T : class =>
        errors = outcome.Missing is { } missing ? [new ValidationError("", missing)] : outcome.Errors;

    public void Clear() => errors = [];

    /// <summary>Forgets the errors whose key <paramref name="stale"/> picks (those of a list whose rows moved).</summary>
    public void Forget(Func<string, bool> stale) => errors = errors.Where(e => !stale(e.Field)).ToList();

    public bool Has(string key) => errors.Any(e => Same(e.Field, key));

    /// <summary>The messages for one field, joined; empty when it has none.</summary>
    public string For(string key) => string.Join(" ", errors.Where(e => Same(e.Field, key)).Select(e => e.Message));

    /// <summary>The messages of every key that is not among <paramref name="shown"/>, in the order they came.</summary>
    public IReadOnlyList<string> Except(IEnumerable<string> shown)
    {
        var keys = shown.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return errors.Where(e => !keys.Contains(e.Field)).Select(e => e.Message).ToList();
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
