using System.Globalization;

namespace Portal.Load;

/// <summary>
/// The few figures the program reads from the portal's <c>/metrics</c> (Prometheus text exposition): a metric's
/// value summed over its label sets. Absent metrics are null: the endpoint or a name may not be there yet.
/// </summary>
public sealed class PrometheusText(string text)
{
    public double? Sum(string name)
    {
        double? sum = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || !line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[name.Length..];
            if (rest.Length == 0 || (rest[0] != ' ' && rest[0] != '{'))
            {
                continue;
            }

            var valueStart = rest[0] == '{' ? rest.IndexOf('}', StringComparison.Ordinal) + 1 : 0;
            var parts = rest[valueStart..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                sum = (sum ?? 0) + value;
            }
        }

        return sum;
    }

    /// <summary>The first of <paramref name="names"/> present, with its value.</summary>
    public (string Name, double Value)? First(params string[] names)
    {
        foreach (var name in names)
        {
            if (Sum(name) is { } value)
            {
                return (name, value);
            }
        }

        return null;
    }
}
