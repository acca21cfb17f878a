namespace Portal.Workflows.Persistence;

/// <summary>What a work item asks a node to do to an instance.</summary>
public enum WorkKind
{
    /// <summary>Run what the new instance has scheduled.</summary>
    Start,

    /// <summary>Resume a bookmark with a payload (a signal, a decision, a callback).</summary>
    Resume,

    /// <summary>A bookmark's due time came: fire the timer, time out the task, or retry the activity.</summary>
    Timer,
}
