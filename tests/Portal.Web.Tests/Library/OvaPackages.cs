using System.Formats.Tar;
using System.Security.Cryptography;

namespace Portal.Web.Tests.Library;

/// <summary>OVA archives as tar writes them, and their manifests, for the import tests.</summary>
internal static class OvaPackages
{
    /// <summary>A ustar archive holding the files in the order given, as the OVF spec asks (descriptor first).</summary>
    public static byte[] Build(params (string Name, byte[] Content)[] files)
    {
        using var package = new MemoryStream();
        using (var tar = new TarWriter(package, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
            }
        }

        return package.ToArray();
    }

    /// <summary>A manifest with a SHA256 line per file.</summary>
    public static string Manifest(params (string Name, byte[] Content)[] files) =>
        string.Concat(files.Select(f => $"SHA256({f.Name})= {Convert.ToHexStringLower(SHA256.HashData(f.Content))}\n"));
}
