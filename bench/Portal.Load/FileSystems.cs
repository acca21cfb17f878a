namespace Portal.Load;

/// <summary>Which file system a folder is on (from /proc/mounts): a SQLite run on tmpfs would measure no disk syncs.</summary>
public static class FileSystems
{
    public static string TypeOf(string folder)
    {
        if (!File.Exists("/proc/mounts"))
        {
            return "unknown";
        }

        var path = Path.GetFullPath(folder);
        var best = (Mount: "", Type: "unknown");
        foreach (var line in File.ReadLines("/proc/mounts"))
        {
            var parts = line.Split(' ');
            if (parts.Length < 3)
            {
                continue;
            }

            var mount = parts[1].Replace("\\040", " ", StringComparison.Ordinal);
            var inside = mount == "/" || path == mount || path.StartsWith(mount.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (inside && mount.Length >= best.Mount.Length)
            {
                best = (mount, parts[2]);
            }
        }

        return best.Type;
    }
}
