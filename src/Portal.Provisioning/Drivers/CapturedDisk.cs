using Portal.Domain.Library;

namespace Portal.Provisioning.Drivers;

/// <summary>What a capture read off a machine: its hardware as the platform reports it, and a copy of its disk.</summary>
public sealed record CapturedDisk(HardwareConfiguration Hardware, Uri Location, DiskFormat Format, long SizeBytes, string Sha256);
