namespace Portal.Testing;

/// <summary>
/// What the Debian test image reports on its serial console once cloud-init is done: its portal-guest-report
/// service writes one "portal-guest: ..." line per fact (host name, disk and root file system sizes, each line of
/// the message of the day, cloud-init's status) and "portal-guest: done" last. A test reads them from the console
/// log file instead of logging in.
/// </summary>
public sealed record GuestConsoleReport
{
    public const string Prefix = "portal-guest: ";
    public const string DoneLine = Prefix + "done";

    public required string Hostname { get; init; }

    public string? Fqdn { get; init; }

    /// <summary>The size of the disk holding the root file system, as the guest's kernel sees it.</summary>
    public required long DiskSizeBytes { get; init; }

    /// <summary>The root file system's size: about the disk's size once growpart and resize2fs have run.</summary>
    public required long RootFileSystemSizeBytes { get; init; }

    /// <summary>/etc/motd, line by line (empty when the guest has none).</summary>
    public required IReadOnlyList<string> MessageOfTheDay { get; init; }

    /// <summary>What <c>cloud-init status</c> printed ("status: done" when every stage succeeded).</summary>
    public required string CloudInitStatus { get; init; }

    /// <summary>Reads the report from a console log; null while the guest has not finished writing it.</summary>
    /// <exception cref="FormatException">The report is complete but a line the image always writes is missing or unreadable.</exception>
    public static GuestConsoleReport? Parse(string consoleLog)
    {
        ArgumentNullException.ThrowIfNull(consoleLog);
        var lines = consoleLog.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(line => line[Prefix.Length..])
            .ToList();
        // A guest that reboots writes a second report: the last complete one counts.
        var done = lines.LastIndexOf("done");
        if (done < 0)
        {
            return null;
        }

        var start = done == 0 ? 0 : lines.LastIndexOf("done", done - 1) + 1;
        var report = lines.GetRange(start, done - start);

        FormatException Missing(string what) => new(
            $"The guest's console report has no '{Prefix}{what}' line. It reads:\n{string.Join('\n', report.Select(line => Prefix + line))}");

        string Value(string key) =>
            report.LastOrDefault(line => line.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..]
            ?? throw Missing(key + "=");

        long Size(string key, string field)
        {
            var text = Value(key);
            var marker = field + "=";
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            return at >= 0 && long.TryParse(text[(at + marker.Length)..].Split(' ')[0], out var size)
                ? size
                : throw new FormatException($"The guest's console report line '{Prefix}{key}={text}' has no {field}.");
        }

        var fqdn = Value("fqdn");
        return new GuestConsoleReport
        {
            Hostname = Value("hostname"),
            Fqdn = fqdn.Length == 0 ? null : fqdn,
            DiskSizeBytes = Size("disk", "size-bytes"),
            RootFileSystemSizeBytes = Size("root", "fs-size-bytes"),
            MessageOfTheDay = report.Where(line => line.StartsWith("motd: ", StringComparison.Ordinal)).Select(line => line["motd: ".Length..]).ToList(),
            CloudInitStatus = report.LastOrDefault(line => line.StartsWith("cloud-init ", StringComparison.Ordinal))?["cloud-init ".Length..].Trim()
                ?? throw Missing("cloud-init"),
        };
    }

    /// <summary>
    /// Waits until the console log at <paramref name="consoleLogPath"/> holds a complete report. Emulated boots take
    /// minutes on a busy machine: the timeout is a bound on a hung guest, not a measure of speed.
    /// </summary>
    /// <exception cref="TimeoutException">No report within the timeout; the message ends with the log's last lines.</exception>
    public static async Task<GuestConsoleReport> WaitAsync(string consoleLogPath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consoleLogPath);
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var log = ReadShared(consoleLogPath);
            if (Parse(log) is { } report)
            {
                return report;
            }

            if (DateTime.UtcNow >= until)
            {
                var tail = string.Join('\n', log.Split('\n').TakeLast(40));
                throw new TimeoutException(
                    $"The guest wrote no '{DoneLine}' to {consoleLogPath} within {timeout.TotalSeconds:0} s. Last lines of its console:\n{tail}");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    // QEMU (through virtlogd) keeps writing the file: open it without asking for exclusive access.
    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
