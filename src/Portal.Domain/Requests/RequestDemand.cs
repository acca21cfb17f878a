namespace Portal.Domain.Requests;

/// <summary>
/// What a request takes, all servers together: what approval rules read (a second approval for physical servers
/// or large requests) and what an approver weighs against capacity.
/// </summary>
public sealed record RequestDemand(int Servers, int Vcpus, long MemoryMiB, long DiskGiB, bool Physical)
{
    public static RequestDemand Of(int servers, int vcpusEach, long memoryMiBEach, long diskGiBEach, bool physical) =>
        new(servers, servers * vcpusEach, servers * memoryMiBEach, servers * diskGiBEach, physical);
}
