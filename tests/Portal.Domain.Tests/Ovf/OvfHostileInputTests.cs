using System.Text;
using Portal.Domain.Library.Ovf;

namespace Portal.Domain.Tests.Ovf;

public sealed class OvfHostileInputTests
{
    private static string Messages(string xml, OvfImportOptions? options = null)
    {
        var result = OvfSamples.Import(xml, options);
        Assert.False(result.IsValid, "The descriptor should have been refused.");
        return OvfSamples.Errors(result);
    }

    [Fact]
    public void A_doctype_is_refused_with_its_line()
    {
        var xml = OvfSamples.VMware().Replace(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- exported -->\n<!DOCTYPE Envelope>\n",
            StringComparison.Ordinal);

        Assert.Contains("DTDs are not allowed (line 3)", Messages(xml), StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_entity_is_refused_and_never_read()
    {
        var secretFile = Path.GetTempFileName();
        File.WriteAllText(secretFile, "top-secret-content");
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE Envelope [ <!ENTITY xxe SYSTEM "{new Uri(secretFile)}"> ]>
            <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"><VirtualSystem><Name>&xxe;</Name></VirtualSystem></Envelope>
            """;

        var messages = Messages(xml);

        File.Delete(secretFile);
        Assert.DoesNotContain("top-secret-content", messages, StringComparison.Ordinal);
        Assert.Contains("DTDs are not allowed", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entity_expansion_bomb_is_refused()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            ]>
            <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1">&lol3;</Envelope>
            """;

        Assert.Contains("DTDs are not allowed (line 2)", Messages(xml), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xml_names_the_open_element_and_the_line()
    {
        var xml = OvfSamples.VMware().Replace("<rasd:VirtualQuantity>2</rasd:VirtualQuantity>", "<rasd:VirtualQuantity>2</rasd:Quantity>", StringComparison.Ordinal);
        var line = xml[..xml.IndexOf("</rasd:Quantity>", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        Assert.Contains($"inside <rasd:VirtualQuantity> (line {line},", Messages(xml), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_allocation_unit_names_the_element_and_the_line()
    {
        var xml = OvfSamples.VMware(memoryUnits: "furlongs");
        var line = xml[..xml.IndexOf("furlongs", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        Assert.Contains($"<rasd:AllocationUnits> (line {line}): 'furlongs' is not a size unit", Messages(xml), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_disk_capacity_unit_names_the_attribute_and_the_line()
    {
        var xml = OvfSamples.VMware(capacityUnits: "byte * 2^50");

        Assert.Contains("ovf:capacityAllocationUnits of <Disk> (line 8)", Messages(xml), StringComparison.Ordinal);
    }

    [Fact]
    public void A_descriptor_larger_than_the_cap_is_refused_before_it_is_parsed()
    {
        var options = OvfSamples.Options() with { MaxDescriptorBytes = 1024 };

        Assert.Contains("larger than 1 KiB", Messages(OvfSamples.VMware(), options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_descriptor_without_a_virtual_hardware_section_is_refused_clearly()
    {
        var xml = """
            <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
              <VirtualSystem ovf:id="empty"><Info>Nothing</Info></VirtualSystem>
            </Envelope>
            """;

        Assert.Contains("<VirtualSystem> (line 2): There is no VirtualHardwareSection", Messages(xml), StringComparison.Ordinal);
    }

    [Fact]
    public void A_descriptor_without_a_virtual_system_is_refused_clearly()
    {
        var xml = """<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"><References/></Envelope>""";

        Assert.Contains("There is no VirtualSystem", Messages(xml), StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_an_ovf_envelope_is_refused()
    {
        Assert.Contains("must be an OVF Envelope", Messages("<html><body/></html>"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_href_that_leaves_the_package_is_refused()
    {
        var xml = OvfSamples.VMware().Replace("ovf:href=\"web-01-disk1.vmdk\"", "ovf:href=\"../../etc/shadow\"", StringComparison.Ordinal);

        Assert.Contains("points outside the package", Messages(xml), StringComparison.Ordinal);
    }

    [Fact]
    public void A_descriptor_without_a_memory_item_says_so()
    {
        var xml = OvfSamples.VMware().Replace("<rasd:ResourceType>4</rasd:ResourceType>", "<rasd:ResourceType>35</rasd:ResourceType>", StringComparison.Ordinal);

        Assert.Contains("There is no memory item", Messages(xml), StringComparison.Ordinal);
    }

    [Fact]
    public void A_descriptor_that_maps_to_an_invalid_image_returns_the_image_errors_and_no_image()
    {
        var xml = OvfSamples.VMware().Replace("ovf:fileRef=\"file1\" ", "", StringComparison.Ordinal);

        var result = OvfSamples.Import(xml);

        Assert.Equal(["artifacts"], result.Errors.Select(e => e.Field));
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public void Every_problem_is_reported_in_one_pass()
    {
        var xml = OvfSamples.VMware(memoryUnits: "furlongs", capacity: "${disk.size}");

        Assert.Equal(2, OvfSamples.Import(xml).Errors.Count);
    }

    [Fact]
    public void Utf16_descriptors_are_read_too()
    {
        var xml = OvfSamples.VMware().Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal);
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(xml)).ToArray();

        var result = OvfImporter.Import(new MemoryStream(bytes), OvfSamples.Options());

        Assert.True(result.IsValid, OvfSamples.Errors(result));
    }
}
