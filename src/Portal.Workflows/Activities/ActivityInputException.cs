namespace Portal.Workflows.Activities;

/// <summary>An input that could not be evaluated or has the wrong form; faults the activity with this message.</summary>
public sealed class ActivityInputException(string message, Exception? inner = null) : Exception(message, inner);
