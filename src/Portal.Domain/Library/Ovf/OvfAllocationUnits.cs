using System.Globalization;

namespace Portal.Domain.Library.Ovf;

/// <summary>
/// OVF's spellings of size units (DSP0004 programmatic units and the older named ones). In OVF every one is a
/// power of 1024: "MegaBytes" is 2^20 bytes, the same as <c>byte * 2^20</c>.
/// </summary>
public static class OvfAllocationUnits
{
    public const string Supported = "byte, bytes, byte * 2^10, byte * 2^20, byte * 2^30, byte * 2^40, KiloBytes/KB, MegaBytes/MB, GigaBytes/GB, TeraBytes/TB";

    public static bool TryParse(string? text, out ResourceUnit unit)
    {
        // Producers differ in case and spacing ("byte*2^20", "Byte * 2^20", "MegaBytes"); none differ in meaning.
        var compact = string.Concat((text ?? "").Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        ResourceUnit? parsed = compact switch
        {
            "byte" or "bytes" => ResourceUnit.Byte,
            "byte*2^10" or "bytes*2^10" or "kilobytes" or "kilobyte" or "kb" => ResourceUnit.KiB,
            "byte*2^20" or "bytes*2^20" or "megabytes" or "megabyte" or "mb" => ResourceUnit.MiB,
            "byte*2^30" or "bytes*2^30" or "gigabytes" or "gigabyte" or "gb" => ResourceUnit.GiB,
            "byte*2^40" or "bytes*2^40" or "terabytes" or "terabyte" or "tb" => ResourceUnit.TiB,
            _ => null,
        };
        unit = parsed ?? ResourceUnit.Byte;
        return parsed is not null;
    }

    /// <summary>The programmatic-unit spelling every OVF consumer reads.</summary>
    public static string Format(ResourceUnit unit) => unit switch
    {
        ResourceUnit.Byte => "byte",
        ResourceUnit.KiB => "byte * 2^10",
        ResourceUnit.MiB => "byte * 2^20",
        ResourceUnit.GiB => "byte * 2^30",
        ResourceUnit.TiB => "byte * 2^40",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Only sizes have an allocation unit."),
    };

    /// <summary>
    /// The largest unit, up to <paramref name="largest"/>, in which a size is a whole number: OVF quantities are
    /// integers, and a requester should pick disks in GiB rather than in bytes.
    /// </summary>
    public static Quantity InLargestWholeUnit(Quantity size, ResourceUnit largest)
    {
        var bytes = decimal.Ceiling(size.Normalized);
        foreach (var unit in new[] { ResourceUnit.TiB, ResourceUnit.GiB, ResourceUnit.MiB, ResourceUnit.KiB })
        {
            if (unit > largest)
            {
                continue;
            }

            var amount = bytes / Quantity.BytesPer(unit);
            if (amount >= 1 && amount == decimal.Truncate(amount))
            {
                return new Quantity(amount, unit);
            }
        }

        return new Quantity(bytes, ResourceUnit.Byte);
    }

    public static string FormatNumber(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
