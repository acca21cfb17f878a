namespace Portal.Domain.Library;

/// <summary>
/// An amount in a unit. Sizes compare and add by their byte value, whatever unit they were written in.
/// </summary>
public readonly record struct Quantity(decimal Value, ResourceUnit Unit) : IComparable<Quantity>
{
    public bool IsSize => Unit != ResourceUnit.Count;

    /// <summary>The size in bytes; for counts, the count itself.</summary>
    public decimal Normalized => Value * BytesPer(Unit);

    public static decimal BytesPer(ResourceUnit unit) => unit switch
    {
        ResourceUnit.Count or ResourceUnit.Byte => 1m,
        ResourceUnit.KiB => 1024m,
        ResourceUnit.MiB => 1024m * 1024,
        ResourceUnit.GiB => 1024m * 1024 * 1024,
        ResourceUnit.TiB => 1024m * 1024 * 1024 * 1024,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    public Quantity In(ResourceUnit unit)
    {
        if ((unit == ResourceUnit.Count) != (Unit == ResourceUnit.Count))
        {
            throw new InvalidOperationException($"A {Unit} quantity cannot be expressed in {unit}.");
        }

        return new Quantity(Normalized / BytesPer(unit), unit);
    }

    public bool Equals(Quantity other) => IsSize == other.IsSize && Normalized == other.Normalized;

    public override int GetHashCode() => HashCode.Combine(IsSize, Normalized);

    public int CompareTo(Quantity other) => Normalized.CompareTo(other.Normalized);

    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    /// <summary>The largest whole unit that reads naturally: "8 GiB", "512 MiB", "4".</summary>
    public override string ToString()
    {
        if (!IsSize)
        {
            return Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var unit in new[] { ResourceUnit.TiB, ResourceUnit.GiB, ResourceUnit.MiB, ResourceUnit.KiB })
        {
            var amount = Normalized / BytesPer(unit);
            if (amount >= 1 && amount == decimal.Round(amount, 2))
            {
                return $"{amount.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} {unit}";
            }
        }

        return $"{Normalized.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} B";
    }
}
