using System.Text;
using Portal.Domain.Library;

namespace Portal.Provisioning.Configuration;

/// <summary>The files that configure one machine on its first boot, and what their medium must look like.</summary>
public sealed class GeneratedConfiguration
{
    public required OsFamily Family { get; init; }

    public required IReadOnlyList<GeneratedFile> Files { get; init; }

    /// <summary>The label the medium must carry for the OS to find the files ("cidata" for NoCloud); null when any will do.</summary>
    public string? VolumeLabel { get; init; }

    public GeneratedFile this[string name] =>
        Files.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No generated file is named {name}; there are {string.Join(", ", Files.Select(f => f.Name))}.");

    /// <summary>Every file with its secrets masked: what a page or a log may show.</summary>
    public string Describe()
    {
        var text = new StringBuilder(ToString()).Append('\n');
        foreach (var file in Files)
        {
            text.Append("--- ").Append(file.Name).Append('\n').Append(file.MaskedContent);
            if (!file.MaskedContent.EndsWith('\n'))
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    public override string ToString() =>
        $"{Family} configuration: {string.Join(", ", Files)}{(VolumeLabel is null ? "" : $" on a volume labelled {VolumeLabel}")}";
}
