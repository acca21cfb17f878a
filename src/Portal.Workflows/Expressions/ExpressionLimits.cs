namespace Portal.Workflows.Expressions;

/// <summary>
/// How far one expression evaluation may go before the sandbox stops it. The defaults suit the short
/// expressions of activity inputs; every limit applies to a single evaluation.
/// </summary>
public sealed record ExpressionLimits
{
    /// <summary>The defaults: 1 s, 4 MB, 64 nested calls, 100,000 statements.</summary>
    public static ExpressionLimits Default { get; } = new();

    /// <summary>Wall-clock time one evaluation may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Bytes one evaluation may allocate.</summary>
    public long MemoryBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>How deeply JavaScript functions may call one another.</summary>
    public int RecursionDepth { get; init; } = 64;

    /// <summary>JavaScript statements one evaluation may execute.</summary>
    public int MaxStatements { get; init; } = 100_000;
}
