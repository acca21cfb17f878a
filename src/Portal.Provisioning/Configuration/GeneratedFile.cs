using System.Text;

namespace Portal.Provisioning.Configuration;

/// <summary>
/// One file for the machine's seed medium. <see cref="Content"/> is what the machine reads and may hold secrets
/// (a password hash, an answer file's password): write it to the medium, never to a log or a page. Everything
/// meant for people uses <see cref="MaskedContent"/>, generated alongside with each secret replaced by the mask,
/// so no escaping or hashing can leave a form of the secret behind.
/// </summary>
public sealed class GeneratedFile
{
    public GeneratedFile(string name, string content, string? maskedContent = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(content);
        Name = name;
        Content = content;
        MaskedContent = maskedContent ?? content;
    }

    /// <summary>The file name at the root of the medium ("user-data", "Autounattend.xml").</summary>
    public string Name { get; }

    public string Content { get; }

    public string MaskedContent { get; }

    public bool HoldsSecrets => !string.Equals(Content, MaskedContent, StringComparison.Ordinal);

    /// <summary>UTF-8 without a byte order mark, which cloud-init and Windows Setup both read.</summary>
    public byte[] ToBytes() => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Content);

    public override string ToString() =>
        $"{Name} ({Encoding.UTF8.GetByteCount(Content)} bytes{(HoldsSecrets ? ", holds secrets" : "")})";
}
