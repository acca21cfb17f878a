namespace Portal.Web.Designer.Viewer;

/// <summary>How an activity stands in one instance, as the viewer draws it on the diagram.</summary>
public enum ActivityMark
{
    /// <summary>Never ran in this instance (so far).</summary>
    NotRun,

    /// <summary>Ran and ended with an outcome (or was resumed and then did).</summary>
    Completed,

    /// <summary>Scheduled, or reached by one branch of a join that waits for the others: it runs next.</summary>
    Queued,

    /// <summary>The instance waits here on a bookmark: a person, a timer, a signal, a retry.</summary>
    Waiting,

    /// <summary>Failed: the instance is faulted here, or the activity's last run failed.</summary>
    Faulted,

    /// <summary>Skipped by an admin with a chosen outcome.</summary>
    Skipped,

    /// <summary>Stopped by a cancel or by an any-join that continued on another branch.</summary>
    Cancelled,
}
