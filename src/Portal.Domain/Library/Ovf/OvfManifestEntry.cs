namespace Portal.Domain.Library.Ovf;

/// <summary>One line of an OVF manifest: <c>SHA256(disk1.vmdk)= 3f2a…</c>, with its line number for messages.</summary>
public sealed record OvfManifestEntry(int Line, string Algorithm, string FileName, string Digest);
