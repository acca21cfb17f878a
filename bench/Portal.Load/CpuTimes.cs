using System.Diagnostics;
using System.Globalization;

namespace Portal.Load;

/// <summary>
/// CPU time at one moment, from /proc: each portal node's (utime + stime of its process), this program's own, and the
/// whole machine's busy time (every core, from /proc/stat). Two of them bracket the window, so the report can say where
/// the cores went: a rate bound by the CPU shows the cores busy, and the split says by whom (the portal, the load
/// program, everything else: the database server and the OS).
/// </summary>
public sealed record CpuTimes(double At, IReadOnlyList<double?> NodeSeconds, double ProgramSeconds, double? MachineBusySeconds)
{
    // Linux reports /proc times in clock ticks; USER_HZ is 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    public static CpuTimes Read(double at, IReadOnlyList<PortalNode> nodes)
    {
        using var self = Process.GetCurrentProcess();
        return new(at, nodes.Select(n => ProcessSeconds(n.ProcessId)).ToList(), self.TotalProcessorTime.TotalSeconds, MachineBusy());
    }

    /// <summary>Cores kept busy between two readings, per node, by this program, by the rest and in all; null parts where /proc was missing.</summary>
    public static CpuUse Between(CpuTimes first, CpuTimes last)
    {
        var seconds = last.At - first.At;
        double? Cores(double? a, double? b) => a is { } x && b is { } y && seconds > 0 ? (y - x) / seconds : null;
        var nodes = first.NodeSeconds.Zip(last.NodeSeconds, Cores).ToList();
        var program = Cores(first.ProgramSeconds, last.ProgramSeconds) ?? 0;
        var machine = Cores(first.MachineBusySeconds, last.MachineBusySeconds);
        var rest = machine is { } all && nodes.All(n => n is not null) ? all - program - nodes.Sum(n => n!.Value) : (double?)null;
        return new CpuUse(seconds, nodes, program, rest, machine, Environment.ProcessorCount);
    }

    private static double? ProcessSeconds(int pid)
    {
        try
        {
            // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the
            // 12th and 13th of them (the 14th and 15th of the line).
            var line = File.ReadAllText($"/proc/{pid}/stat");
            var fields = line[(line.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static double? MachineBusy()
    {
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal ...": busy is everything but idle and iowait.
            var first = File.ReadLines("/proc/stat").First();
            var values = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return (values.Sum() - values[3] - values[4]) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>Cores busy on average over a span: per portal node, this program, the rest of the machine, and all of it, of <see cref="Cores"/>.</summary>
public sealed record CpuUse(double Seconds, IReadOnlyList<double?> Nodes, double Program, double? Rest, double? Machine, int Cores);
