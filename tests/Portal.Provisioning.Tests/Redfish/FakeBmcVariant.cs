namespace Portal.Provisioning.Tests.Redfish;

/// <summary>
/// The ways the fake BMC can differ, each one a way real BMCs differ within what the Redfish specification allows
/// (or, for <see cref="RefusesRedundantPower"/>, a refusal real BMCs make).
/// </summary>
internal sealed record FakeBmcVariant
{
    /// <summary>The fake's own default: actions for virtual media, inline AllowableValues, answers at once, no paging.</summary>
    public static FakeBmcVariant Default { get; } = new();

    /// <summary>
    /// The variant the issue names: virtual media only by PATCH (DMTF's example shape), every change a 202 task
    /// followed through a task monitor with Retry-After, one 412 on the first PATCH, collections one member a page.
    /// </summary>
    public static FakeBmcVariant PatchTasksPaged { get; } = new()
    {
        Media = FakeVirtualMediaForm.PatchDmtfExample,
        TaskPolls = 2,
        StaleETagOnce = true,
        PageSize = 1,
    };

    public FakeVirtualMediaForm Media { get; init; } = FakeVirtualMediaForm.Actions;

    /// <summary>InsertMedia carries @Redfish.ActionInfo listing Image (required) and Inserted (only true) — not WriteProtected, which it refuses.</summary>
    public bool InsertMediaActionInfo { get; init; }

    /// <summary>ComputerSystem.Reset carries @Redfish.ActionInfo with the allowed reset types instead of ResetType@Redfish.AllowableValues.</summary>
    public bool ResetActionInfo { get; init; }

    /// <summary>"On" for a system that is on, or "ForceOff" for one that is off, is answered 409 (real BMCs refuse them).</summary>
    public bool RefusesRedundantPower { get; init; } = true;

    /// <summary>
    /// 0: changes are answered at once (204). n: each change is answered 202 with a task monitor in Location, which
    /// answers 202 (Running) n − 1 times and then 200 with the Task in <see cref="TaskEnd"/>; the change happens then.
    /// </summary>
    public int TaskPolls { get; init; }

    /// <summary>The TaskState the task ends in: Completed, Exception or Killed; null: it never ends.</summary>
    public string? TaskEnd { get; init; } = "Completed";

    /// <summary>How the task monitor answers once the task has completed (a failed task always ends with the Task resource).</summary>
    public FakeTaskEnding TaskEnding { get; init; } = FakeTaskEnding.TaskResource;

    /// <summary>The Retry-After the task monitor asks for, in seconds.</summary>
    public int RetryAfterSeconds { get; init; }

    /// <summary>The first PATCH, even with the right ETag, finds the resource changed by someone else: 412, and a new ETag.</summary>
    public bool StaleETagOnce { get; init; }

    /// <summary>Members per page of every collection, with Members@odata.nextLink to the next; 0: no paging.</summary>
    public int PageSize { get; init; }

    /// <summary>The Id of the system the fake keeps state for.</summary>
    public string SystemId { get; init; } = FakeBmc.DefaultSystemId;

    /// <summary>Further systems on the same BMC (a chassis of blades): listed, readable, never to be touched.</summary>
    public IReadOnlyList<string> OtherSystemIds { get; init; } = [];

    /// <summary>The system gives no Links.ManagedBy: the client finds the manager through the Managers collection.</summary>
    public bool NoManagedByLink { get; init; }
}
