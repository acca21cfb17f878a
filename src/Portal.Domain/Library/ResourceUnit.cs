namespace Portal.Domain.Library;

/// <summary>
/// Units a quantity is expressed in. Memory and disk sizes are powers of 1024 (OVF's <c>byte * 2^20</c> is a
/// MiB), so 2048 MiB and 2 GiB are the same quantity.
/// </summary>
public enum ResourceUnit
{
    Count,
    Byte,
    KiB,
    MiB,
    GiB,
    TiB,
}
