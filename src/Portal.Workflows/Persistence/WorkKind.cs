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

    /// <summary>
    /// Cancel the instance. Queued when another node (or this one's worker) holds the instance: the holder's heartbeat
    /// sees it and stops its step at the next activity, and the cancel runs next, before any other work of the instance.
    /// </summary>
    Cancel,
}
