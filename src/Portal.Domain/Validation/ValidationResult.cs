namespace Portal.Domain.Validation;

/// <summary>A value, or the reasons it could not be made. Errors users can fix are results, not exceptions.</summary>
public sealed class ValidationResult<T>
{
    private readonly T? value;

    private ValidationResult(T? value, IReadOnlyList<ValidationError> errors)
    {
        this.value = value;
        Errors = errors;
    }

    public IReadOnlyList<ValidationError> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>The value; asking for it when invalid is a bug in the caller.</summary>
    public T Value => IsValid
        ? value!
        : throw new InvalidOperationException($"No value: {string.Join("; ", Errors.Select(e => $"{e.Field}: {e.Message}"))}");

    public static ValidationResult<T> Success(T value) => new(value, []);

    public static ValidationResult<T> Failure(IReadOnlyList<ValidationError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(default, errors);

    public static ValidationResult<T> Failure(string field, string message) => new(default, [new ValidationError(field, message)]);
}
