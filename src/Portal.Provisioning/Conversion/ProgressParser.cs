using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Provisioning.Conversion;

/// <summary>
/// Turns what <c>qemu-img convert -p</c> prints ("    (42.19/100%)" separated by carriage returns, arriving in
/// arbitrary chunks) into 0..1 reports that only ever go up.
/// </summary>
internal sealed partial class ProgressParser(IProgress<double>? progress)
{
    // Enough for any partial "(NN.NN/100%)" a chunk can end in; more than that is noise, not progress.
    private const int MaxPending = 256;

    private readonly StringBuilder pending = new();
    private double last = -1;

    public void Append(string chunk)
    {
        if (progress is null)
        {
            return;
        }

        pending.Append(chunk);
        var text = pending.ToString();
        var consumed = 0;
        foreach (Match match in Percent().Matches(text))
        {
            Report(double.Parse(match.Groups[1].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture) / 100);
            consumed = match.Index + match.Length;
        }

        pending.Remove(0, consumed);
        if (pending.Length > MaxPending)
        {
            pending.Remove(0, pending.Length - MaxPending);
        }
    }

    public void Finish() => Report(1);

    private void Report(double fraction)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        if (progress is not null && fraction > last)
        {
            last = fraction;
            progress.Report(fraction);
        }
    }

    [GeneratedRegex(@"\((\d{1,3}(?:\.\d+)?)/100%\)")]
    private static partial Regex Percent();
}
