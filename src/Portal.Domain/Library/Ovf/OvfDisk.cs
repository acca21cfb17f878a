using System.Xml.Linq;

namespace Portal.Domain.Library.Ovf;

/// <summary>A Disk of the DiskSection: what a disk item's <c>ovf:/disk/ID</c> host resource points at.</summary>
internal sealed record OvfDisk(string Id, XElement Element, Quantity? Capacity, string? FileRef, string? Format);
