namespace Portal.Workflows.Runtime;

/// <summary>What a resume did. A bookmark already consumed is <see cref="NotFound"/>: a clear no-op, never a second run.</summary>
public enum ResumeOutcome
{
    Resumed,
    NotFound,
    Refused,
}

/// <summary>The outcome of a resume, with the reason when it was refused.</summary>
public sealed record ResumeResult(ResumeOutcome Outcome, string? Message = null)
{
    public static ResumeResult Resumed { get; } = new(ResumeOutcome.Resumed);

    public static ResumeResult NotFound { get; } = new(ResumeOutcome.NotFound, "There is no such bookmark: it was already resumed, or never existed.");
}
