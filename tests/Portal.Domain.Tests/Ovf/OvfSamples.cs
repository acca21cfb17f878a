using System.Text;
using Portal.Domain.Library;
using Portal.Domain.Library.Ovf;
using Portal.Domain.Validation;

namespace Portal.Domain.Tests.Ovf;

/// <summary>Small descriptors shaped like what VMware, VirtualBox and an OVF 2 producer really write.</summary>
internal static class OvfSamples
{
    public static readonly DateTimeOffset CapturedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static OvfImportOptions Options() => new()
    {
        ImageId = Guid.Parse("6f1d7c62-58a4-4b8e-9a55-0d2b8f1f6a10"),
        Owner = "library-admin",
        CapturedAt = CapturedAt,
        ArtifactBaseUri = new Uri("ova://appliance/"),
        Technology = PlatformTechnology.Kvm,
    };

    public static ValidationResult<MasterImage> Import(string xml, OvfImportOptions? options = null) =>
        OvfImporter.Import(new MemoryStream(Encoding.UTF8.GetBytes(xml)), options ?? Options());

    public static string Errors<T>(ValidationResult<T> result) =>
        string.Join(Environment.NewLine, result.Errors.Select(e => $"{e.Field}: {e.Message}"));

    /// <summary>A vSphere export of an Ubuntu VM: SCSI disk, one NIC, vApp properties.</summary>
    public static string VMware(
        string memoryUnits = "byte * 2^20",
        string memoryQuantity = "4096",
        string capacity = "16",
        string capacityUnits = "byte * 2^30",
        string extraHardware = "",
        string properties = "",
        string osDescription = "Ubuntu Linux (64-bit)",
        string osType = "ubuntu64Guest",
        string osId = "94") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:cim="http://schemas.dmtf.org/wbem/wscim/1/common" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vmw="http://www.vmware.com/schema/ovf" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <References>
            <File ovf:href="web-01-disk1.vmdk" ovf:id="file1" ovf:size="1073741824"/>
          </References>
          <DiskSection>
            <Info>Virtual disk information</Info>
            <Disk ovf:capacity="{capacity}" ovf:capacityAllocationUnits="{capacityUnits}" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized" ovf:populatedSize="2147483648"/>
          </DiskSection>
          <NetworkSection>
            <Info>The list of logical networks</Info>
            <Network ovf:name="VM Network">
              <Description>The VM Network network</Description>
            </Network>
          </NetworkSection>
          <VirtualSystem ovf:id="web-01">
            <Info>A virtual machine</Info>
            <Name>web-01</Name>
            <OperatingSystemSection ovf:id="{osId}" vmw:osType="{osType}">
              <Info>The kind of installed guest operating system</Info>
              <Description>{osDescription}</Description>
            </OperatingSystemSection>
            <VirtualHardwareSection>
              <Info>Virtual hardware requirements</Info>
              <System>
                <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
                <vssd:InstanceID>0</vssd:InstanceID>
                <vssd:VirtualSystemIdentifier>web-01</vssd:VirtualSystemIdentifier>
                <vssd:VirtualSystemType>vmx-19</vssd:VirtualSystemType>
              </System>
              <Item>
                <rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>
                <rasd:Description>Number of Virtual CPUs</rasd:Description>
                <rasd:ElementName>2 virtual CPU(s)</rasd:ElementName>
                <rasd:InstanceID>1</rasd:InstanceID>
                <rasd:ResourceType>3</rasd:ResourceType>
                <rasd:VirtualQuantity>2</rasd:VirtualQuantity>
              </Item>
              <Item>
                <rasd:AllocationUnits>{memoryUnits}</rasd:AllocationUnits>
                <rasd:Description>Memory Size</rasd:Description>
                <rasd:ElementName>Memory</rasd:ElementName>
                <rasd:InstanceID>2</rasd:InstanceID>
                <rasd:ResourceType>4</rasd:ResourceType>
                <rasd:VirtualQuantity>{memoryQuantity}</rasd:VirtualQuantity>
              </Item>
              <Item>
                <rasd:Address>0</rasd:Address>
                <rasd:Description>SCSI Controller</rasd:Description>
                <rasd:ElementName>SCSI controller 0</rasd:ElementName>
                <rasd:InstanceID>3</rasd:InstanceID>
                <rasd:ResourceSubType>VirtualSCSI</rasd:ResourceSubType>
                <rasd:ResourceType>6</rasd:ResourceType>
              </Item>
              <Item>
                <rasd:AddressOnParent>0</rasd:AddressOnParent>
                <rasd:ElementName>Hard disk 1</rasd:ElementName>
                <rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>
                <rasd:InstanceID>4</rasd:InstanceID>
                <rasd:Parent>3</rasd:Parent>
                <rasd:ResourceType>17</rasd:ResourceType>
              </Item>
              <Item>
                <rasd:AddressOnParent>7</rasd:AddressOnParent>
                <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>
                <rasd:Connection>VM Network</rasd:Connection>
                <rasd:ElementName>Network adapter 1</rasd:ElementName>
                <rasd:InstanceID>5</rasd:InstanceID>
                <rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>
                <rasd:ResourceType>10</rasd:ResourceType>
              </Item>
              <Item ovf:required="false">
                <rasd:AutomaticAllocation>false</rasd:AutomaticAllocation>
                <rasd:ElementName>Video card</rasd:ElementName>
                <rasd:InstanceID>6</rasd:InstanceID>
                <rasd:ResourceType>24</rasd:ResourceType>
              </Item>
              <Item ovf:required="false">
                <rasd:AddressOnParent>0</rasd:AddressOnParent>
                <rasd:AutomaticAllocation>false</rasd:AutomaticAllocation>
                <rasd:ElementName>CD/DVD drive 1</rasd:ElementName>
                <rasd:InstanceID>7</rasd:InstanceID>
                <rasd:Parent>3</rasd:Parent>
                <rasd:ResourceType>15</rasd:ResourceType>
              </Item>
              {extraHardware}
              <vmw:Config ovf:required="false" vmw:key="cpuHotAddEnabled" vmw:value="false"/>
            </VirtualHardwareSection>
            <AnnotationSection ovf:required="false">
              <Info>A human-readable annotation</Info>
              <Annotation>Nginx web server on Ubuntu</Annotation>
            </AnnotationSection>
            <ProductSection>
              <Info>Information about the installed software</Info>
              <Product>Web appliance</Product>
              <Vendor>Example</Vendor>
              <Version>2.3</Version>
              <FullVersion>2.3.1-build7</FullVersion>
              {properties}
            </ProductSection>
          </VirtualSystem>
        </Envelope>
        """;

    /// <summary>An OVF 2 descriptor: StorageItem (SASD) for the disk, EthernetPortItem (EPASD) for the NIC.</summary>
    public static string Ovf2(string vendorSection = "") => """
        <?xml version="1.0" encoding="UTF-8"?>
        <ovf:Envelope xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/2"
                      xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
                      xmlns:sasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"
                      xmlns:epasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_EthernetPortAllocationSettingData"
                      xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData">
          <ovf:References>
            <ovf:File ovf:id="disk-file" ovf:href="db.qcow2"/>
          </ovf:References>
          <ovf:DiskSection>
            <ovf:Info>Disks</ovf:Info>
            <ovf:Disk ovf:diskId="root" ovf:fileRef="disk-file" ovf:capacity="42949672960" ovf:format="http://www.gnome.org/~markmc/qcow-image-format.html"/>
          </ovf:DiskSection>
          <ovf:VirtualSystem ovf:id="db-01">
            <ovf:Info>A database server</ovf:Info>
            <ovf:Name>Database server</ovf:Name>
            <ovf:OperatingSystemSection ovf:id="80">
              <ovf:Info>Guest OS</ovf:Info>
              <ovf:Description>Red Hat Enterprise Linux 9 (64-bit)</ovf:Description>
            </ovf:OperatingSystemSection>
            <ovf:VirtualHardwareSection>
              <ovf:Info>Hardware</ovf:Info>
              <ovf:System>
                <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
                <vssd:InstanceID>0</vssd:InstanceID>
                <vssd:VirtualSystemType>generic</vssd:VirtualSystemType>
              </ovf:System>
              <ovf:Item>
                <rasd:ElementName>CPU</rasd:ElementName>
                <rasd:InstanceID>1</rasd:InstanceID>
                <rasd:ResourceType>3</rasd:ResourceType>
                <rasd:VirtualQuantity>8</rasd:VirtualQuantity>
              </ovf:Item>
              <ovf:Item>
                <rasd:AllocationUnits>byte * 2^30</rasd:AllocationUnits>
                <rasd:ElementName>Memory</rasd:ElementName>
                <rasd:InstanceID>2</rasd:InstanceID>
                <rasd:ResourceType>4</rasd:ResourceType>
                <rasd:VirtualQuantity>32</rasd:VirtualQuantity>
              </ovf:Item>
              <ovf:Item>
                <rasd:ElementName>NVMe controller</rasd:ElementName>
                <rasd:InstanceID>3</rasd:InstanceID>
                <rasd:ResourceSubType>vmware.nvme.controller</rasd:ResourceSubType>
                <rasd:ResourceType>20</rasd:ResourceType>
              </ovf:Item>
              <ovf:StorageItem>
                <sasd:ElementName>Root disk</sasd:ElementName>
                <sasd:HostResource>ovf:/disk/root</sasd:HostResource>
                <sasd:InstanceID>4</sasd:InstanceID>
                <sasd:Parent>3</sasd:Parent>
                <sasd:ResourceType>31</sasd:ResourceType>
              </ovf:StorageItem>
              <ovf:EthernetPortItem>
                <epasd:Connection>backend</epasd:Connection>
                <epasd:ElementName>NIC</epasd:ElementName>
                <epasd:InstanceID>5</epasd:InstanceID>
                <epasd:ResourceType>10</epasd:ResourceType>
              </ovf:EthernetPortItem>
            </ovf:VirtualHardwareSection>
            {vendorSection}
          </ovf:VirtualSystem>
        </ovf:Envelope>
        """.Replace("{vendorSection}", vendorSection, StringComparison.Ordinal);

    /// <summary>
    /// A VirtualBox export: AHCI controller, MegaBytes memory, and its own vbox:Machine section; a ProductSection
    /// (what its appliance settings write) goes where VirtualBox puts it, after the hardware.
    /// </summary>
    public static string VirtualBox(string firmware = "BIOS", string productSection = "") => $"""
        <?xml version="1.0"?>
        <Envelope ovf:version="1.0" xml:lang="en-US" xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vbox="http://www.virtualbox.org/ovf/machine">
          <References>
            <File ovf:id="file1" ovf:href="debian-disk001.vmdk"/>
          </References>
          <DiskSection>
            <Info>List of the virtual disks used in the package</Info>
            <Disk ovf:capacity="21474836480" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized" vbox:uuid="0b9d2f6a-6d7e-4f35-9c0f-2b1f4f6e7a11"/>
          </DiskSection>
          <NetworkSection>
            <Info>Logical networks used in the package</Info>
            <Network ovf:name="NAT">
              <Description>Logical network used by this appliance.</Description>
            </Network>
          </NetworkSection>
          <VirtualSystem ovf:id="debian">
            <Info>A virtual machine</Info>
            <OperatingSystemSection ovf:id="96">
              <Info>The kind of installed guest operating system</Info>
              <Description>Debian_64</Description>
              <vbox:OSType ovf:required="false">Debian_64</vbox:OSType>
            </OperatingSystemSection>
            <VirtualHardwareSection>
              <Info>Virtual hardware requirements for a virtual machine</Info>
              <System>
                <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
                <vssd:InstanceID>0</vssd:InstanceID>
                <vssd:VirtualSystemIdentifier>debian</vssd:VirtualSystemIdentifier>
                <vssd:VirtualSystemType>virtualbox-2.2</vssd:VirtualSystemType>
              </System>
              <Item>
                <rasd:Caption>1 virtual CPU</rasd:Caption>
                <rasd:Description>Number of virtual CPUs</rasd:Description>
                <rasd:ElementName>1 virtual CPU</rasd:ElementName>
                <rasd:InstanceID>1</rasd:InstanceID>
                <rasd:ResourceType>3</rasd:ResourceType>
                <rasd:VirtualQuantity>1</rasd:VirtualQuantity>
              </Item>
              <Item>
                <rasd:AllocationUnits>MegaBytes</rasd:AllocationUnits>
                <rasd:Caption>2048 MB of memory</rasd:Caption>
                <rasd:ElementName>2048 MB of memory</rasd:ElementName>
                <rasd:InstanceID>2</rasd:InstanceID>
                <rasd:ResourceType>4</rasd:ResourceType>
                <rasd:VirtualQuantity>2048</rasd:VirtualQuantity>
              </Item>
              <Item>
                <rasd:Address>0</rasd:Address>
                <rasd:Caption>sataController0</rasd:Caption>
                <rasd:ElementName>sataController0</rasd:ElementName>
                <rasd:InstanceID>3</rasd:InstanceID>
                <rasd:ResourceSubType>AHCI</rasd:ResourceSubType>
                <rasd:ResourceType>20</rasd:ResourceType>
              </Item>
              <Item>
                <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>
                <rasd:Caption>Ethernet adapter on 'NAT'</rasd:Caption>
                <rasd:Connection>NAT</rasd:Connection>
                <rasd:ElementName>Ethernet adapter on 'NAT'</rasd:ElementName>
                <rasd:InstanceID>4</rasd:InstanceID>
                <rasd:ResourceSubType>E1000</rasd:ResourceSubType>
                <rasd:ResourceType>10</rasd:ResourceType>
              </Item>
              <Item>
                <rasd:AddressOnParent>0</rasd:AddressOnParent>
                <rasd:Caption>disk1</rasd:Caption>
                <rasd:ElementName>disk1</rasd:ElementName>
                <rasd:HostResource>/disk/vmdisk1</rasd:HostResource>
                <rasd:InstanceID>5</rasd:InstanceID>
                <rasd:Parent>3</rasd:Parent>
                <rasd:ResourceType>17</rasd:ResourceType>
              </Item>
            </VirtualHardwareSection>
            {productSection}
            <vbox:Machine ovf:required="false" version="1.16-linux" uuid="3f1c6d0e-0000-4000-8000-000000000001" name="debian">
              <ovf:Info>Complete VirtualBox machine configuration in VirtualBox format</ovf:Info>
              <Hardware>
                <CPU count="1"/>
                <Memory RAMSize="2048"/>
                <Firmware type="{firmware}"/>
              </Hardware>
            </vbox:Machine>
          </VirtualSystem>
        </Envelope>
        """;
}
