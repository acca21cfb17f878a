using System.Formats.Tar;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Portal.Domain.Validation;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// Reads an OVF descriptor (OVF 1.x or 2.x), or an OVA package holding one, into a draft <see cref="MasterImage"/>.
/// Descriptors come from outside, so they are read as hostile: no DTDs, no external resolution, size caps.
/// The result is a whole, valid image or the list of what to fix, never something in between.
/// </summary>
public static class OvfImporter
{
    private const int TarHeaderSize = 512;

    public static ValidationResult<MasterImage> Import(Stream ovfXml, OvfImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(ovfXml);
        ArgumentNullException.ThrowIfNull(options);
        var bytes = ReadBounded(ovfXml, options.MaxDescriptorBytes);
        return bytes is null ? TooLarge(options) : ImportDescriptor(bytes, options);
    }

    /// <summary>An OVA (a tar archive whose first .ovf entry is the descriptor) or a plain descriptor.</summary>
    public static ValidationResult<MasterImage> ImportPackage(Stream ovfOrOva, OvfImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(ovfOrOva);
        ArgumentNullException.ThrowIfNull(options);
        var head = new byte[TarHeaderSize];
        var headLength = ovfOrOva.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var isTar = IsTar(head.AsSpan(0, headLength));
        // A plain descriptor is capped by MaxDescriptorBytes alone; the scan cap is for walking a tar archive.
        var input = new OvfPackageStream(head.AsMemory(0, headLength), ovfOrOva, isTar ? options.MaxPackageBytesScanned : long.MaxValue);
        return isTar ? ImportOva(input, options) : Import(input, options);
    }

    /// <summary>POSIX and GNU tar headers carry "ustar" at offset 257; XML cannot, it starts with '&lt;' or a BOM.</summary>
    private static bool IsTar(ReadOnlySpan<byte> head) =>
        head.Length >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8);

    private static ValidationResult<MasterImage> ImportOva(OvfPackageStream input, OvfImportOptions options)
    {
        try
        {
            using var tar = new TarReader(input, leaveOpen: true);
            while (tar.GetNextEntry(copyData: false) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                    || !entry.Name.EndsWith(".ovf", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (entry.DataStream is null)
                {
                    return ValidationResult<MasterImage>.Failure("ova", $"The descriptor {entry.Name} in the OVA is empty.");
                }

                // The header states the size, so an oversized descriptor is refused before a byte of it is read.
                if (entry.Length > options.MaxDescriptorBytes)
                {
                    return TooLarge(options);
                }

                var bytes = ReadBounded(entry.DataStream, options.MaxDescriptorBytes);
                return bytes is null ? TooLarge(options) : ImportDescriptor(bytes, options);
            }

            return ValidationResult<MasterImage>.Failure("ova", "The OVA holds no .ovf descriptor.");
        }
        catch (IOException) when (input.LimitReached)
        {
            return ValidationResult<MasterImage>.Failure("ova",
                $"No .ovf descriptor within the first {new Quantity(options.MaxPackageBytesScanned, ResourceUnit.Byte)} of the OVA; the standard puts it first.");
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or IOException)
        {
            return ValidationResult<MasterImage>.Failure("ova", "The file looks like an OVA but is not a readable tar archive.");
        }
    }

    private static ValidationResult<MasterImage> ImportDescriptor(byte[] bytes, OvfImportOptions options)
    {
        var settings = new XmlReaderSettings
        {
            // DTDs are how entity-expansion bombs and external-entity reads get in; OVF never needs one.
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxDescriptorBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        XDocument document;
        var openElements = new Stack<string>();
        try
        {
            // A first streaming pass knows which element was open when the XML broke, which XDocument.Load does not say.
            using (var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings))
            {
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement)
                    {
                        openElements.Push(reader.Name);
                    }
                    else if (reader.NodeType == XmlNodeType.EndElement)
                    {
                        openElements.TryPop(out _);
                    }
                }
            }

            using var loader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
            document = XDocument.Load(loader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            return ValidationResult<MasterImage>.Failure("ovf", Describe(e, bytes, openElements));
        }

        return new OvfDescriptorReader(document, options).Read();
    }

    private static string Describe(XmlException e, byte[] bytes, Stack<string> openElements)
    {
        if (openElements.Count == 0 && DocTypeLine(bytes) is { } line)
        {
            return $"DTDs are not allowed (line {line}): an OVF descriptor never needs one, and they are how XML entity attacks work.";
        }

        var where = openElements.TryPeek(out var element) ? $"inside <{element}>" : "before the root element";
        return $"The descriptor is not well-formed XML {where} (line {e.LineNumber}, position {e.LinePosition}): {e.Message}";
    }

    private static int? DocTypeLine(byte[] bytes)
    {
        // Only for the message: the reader already refused the document; this finds where the DOCTYPE is.
        string text;
        using (var reader = new StreamReader(new MemoryStream(bytes, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = reader.ReadToEnd();
        }

        var index = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        return index < 0 ? null : text.AsSpan(0, index).Count('\n') + 1;
    }

    /// <summary>The whole stream if it fits the cap; null if it is larger, read no further than one byte past the cap.</summary>
    private static byte[]? ReadBounded(Stream stream, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            // One byte past the cap is enough to know the stream is too large.
            var room = limit - buffer.Length;
            var read = stream.Read(chunk, 0, room < chunk.Length ? (int)room + 1 : chunk.Length);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static ValidationResult<MasterImage> TooLarge(OvfImportOptions options) =>
        ValidationResult<MasterImage>.Failure("ovf",
            $"The descriptor is larger than {new Quantity(options.MaxDescriptorBytes, ResourceUnit.Byte)}; a real one is a few kilobytes.");
}
