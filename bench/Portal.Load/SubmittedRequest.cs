namespace Portal.Load;

/// <summary>A request the run submitted, handed to the approvers: its id and the task it waits for, when the answer named it.</summary>
public sealed record SubmittedRequest(Guid Id, string? TaskId);
