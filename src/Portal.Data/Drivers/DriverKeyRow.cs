using Portal.Provisioning.Drivers;

namespace Portal.Data.Drivers;

/// <summary>A driver's record of one idempotency key, as stored (see <see cref="DriverKeyRecord"/>). One table for every driver.</summary>
public sealed class DriverKeyRow
{
    public Guid Id { get; set; }

    public string Driver { get; set; } = "";

    public string Step { get; set; } = "";

    public string Key { get; set; } = "";

    public string Machine { get; set; } = "";

    public string? Request { get; set; }

    public string? Result { get; set; }

    public DriverKeyState State { get; set; }

    public string? Detail { get; set; }

    public string Node { get; set; } = "";

    public string? Owner { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public int Attempts { get; set; }

    public DriverKeyRecord ToRecord() => new()
    {
        Driver = Driver, Step = Step, Key = Key, Machine = Machine, Request = Request, Result = Result, State = State, Detail = Detail,
        Node = Node, Owner = Owner, StartedAt = StartedAt, CompletedAt = CompletedAt, ClaimedUntil = ClaimedUntil, Attempts = Attempts,
    };
}
