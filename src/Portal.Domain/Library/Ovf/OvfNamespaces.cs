using System.Xml.Linq;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// The XML namespaces of OVF descriptors. Both envelope versions are read; 1.x is written because more
/// consumers (VirtualBox, VMware ovftool, older vCenters) accept it.
/// </summary>
public static class OvfNamespaces
{
    public static readonly XNamespace Envelope1 = "http://schemas.dmtf.org/ovf/envelope/1";

    public static readonly XNamespace Envelope2 = "http://schemas.dmtf.org/ovf/envelope/2";

    public static readonly XNamespace Rasd = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData";

    /// <summary>OVF 2 describes disks with StorageItem elements in this namespace.</summary>
    public static readonly XNamespace Sasd = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData";

    /// <summary>OVF 2 describes network adapters with EthernetPortItem elements in this namespace.</summary>
    public static readonly XNamespace Epasd = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_EthernetPortAllocationSettingData";

    public static readonly XNamespace Vssd = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData";

    public static readonly XNamespace VMware = "http://www.vmware.com/schema/ovf";

    public static readonly XNamespace VirtualBox = "http://www.virtualbox.org/ovf/machine";

    /// <summary>
    /// Our own extension: what the library knows and OVF has no place for (bounds, exact OS names, parameter
    /// types). Marked <c>ovf:required="false"</c> so other consumers skip it.
    /// </summary>
    public static readonly XNamespace Portal = "urn:portal:ovf:1";

    public static bool IsEnvelope(XNamespace ns) => ns == Envelope1 || ns == Envelope2;
}
