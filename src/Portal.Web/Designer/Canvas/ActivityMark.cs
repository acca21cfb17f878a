namespace Portal.Web.Designer.Canvas;

/// <summary>
/// How an activity is marked on a canvas that shows a run (the instance viewer, a test run): what it did so far.
/// The designer leaves every node <see cref="None"/>; the version comparison marks what was added, removed or changed.
/// </summary>
public enum ActivityMark
{
    /// <summary>Not reached (or not a run at all).</summary>
    None,

    /// <summary>Ran to its end.</summary>
    Completed,

    /// <summary>Running now, or waiting on a bookmark (an approval, a timer).</summary>
    Current,

    /// <summary>Failed: its incident is open.</summary>
    Faulted,

    /// <summary>In a comparison: only in the newer version.</summary>
    Added,

    /// <summary>In a comparison: only in the older version.</summary>
    Removed,

    /// <summary>In a comparison: in both, with different settings.</summary>
    Changed,
}
