using System.Globalization;
using System.Text;

namespace Portal.Bench;

/// <summary>
/// The folder the SQLite files go in must be on a disk: on tmpfs (or ramfs) a disk sync costs nothing and the
/// durability the numbers claim would be faked. Read from /proc/mounts: the mount with the longest matching mount point.
/// </summary>
public static class DiskFolder
{
    private static readonly string[] MemoryFileSystems = ["tmpfs", "ramfs", "devtmpfs"];

    /// <summary>Why the folder may not be used, or null when it is on a disk. Outside Linux the check cannot be made and says so.</summary>
    public static string? Refusal(string folder, out string fileSystem)
    {
        fileSystem = "unknown";
        const string mounts = "/proc/mounts";
        if (!File.Exists(mounts))
        {
            return $"cannot tell whether {folder} is on a disk ({mounts} is missing); the bench runs only where it can check.";
        }

        var path = Path.GetFullPath(folder);
        var best = (Point: "", Type: "");
        foreach (var line in File.ReadLines(mounts))
        {
            var fields = line.Split(' ');
            if (fields.Length < 3)
            {
                continue;
            }

            var point = Unescape(fields[1]);
            var inside = point == "/" || path == point || path.StartsWith(point.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (inside && point.Length >= best.Point.Length)
            {
                best = (point, fields[2]);
            }
        }

        fileSystem = $"{best.Type} at {best.Point}";
        return MemoryFileSystems.Contains(best.Type)
            ? $"{path} is on {best.Type} (mounted at {best.Point}): a disk sync there costs nothing and the durability would be faked. " +
              "Pass --temp DIR with a folder on a disk (e.g. --temp /var/tmp)."
            : null;
    }

    /// <summary>/proc/mounts writes a space as \040, a tab as \011 and so on.</summary>
    private static string Unescape(string field)
    {
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length
                && int.TryParse(field.AsSpan(i + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }
}
