namespace Portal.Provisioning.Drivers;

/// <summary>Where the request behind one idempotency key stands.</summary>
public enum DriverKeyState
{
    /// <summary>A node acts on it now (or died acting: its claim then runs out and another node takes over).</summary>
    Acting,

    /// <summary>Done: the record holds the result, and a re-delivery returns it without acting.</summary>
    Done,

    /// <summary>The last attempt failed; the next delivery of the key acts again.</summary>
    Failed,
}
