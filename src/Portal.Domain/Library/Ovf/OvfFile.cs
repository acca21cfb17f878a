using System.Xml.Linq;

namespace Portal.Domain.Library.Ovf;

/// <summary>A File of the References section: one file of the package, by its href relative to the descriptor.</summary>
internal sealed record OvfFile(string Id, XElement Element, string Href, long? Size);
