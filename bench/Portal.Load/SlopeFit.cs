namespace Portal.Load;

/// <summary>A least-squares line y = a + b·x through points; <see cref="Slope"/> is b.</summary>
public sealed record SlopeFit(double Slope, double Intercept, int Points)
{
    public static SlopeFit? Of(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 3)
        {
            return null;
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        if (sxx == 0)
        {
            return null;
        }

        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
        return new SlopeFit(slope, meanY - slope * meanX, points.Count);
    }
}
