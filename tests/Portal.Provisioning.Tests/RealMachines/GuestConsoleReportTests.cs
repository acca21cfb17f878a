using Portal.Testing;

namespace Portal.Provisioning.Tests.RealMachines;

/// <summary>
/// Reading the Debian test image's console report. The log below is the end of a real boot of that image under
/// QEMU (tests/images/build-debian-image.sh), CR LF line ends and kernel messages included.
/// </summary>
public sealed class GuestConsoleReportTests
{
    private const string RealConsoleTail =
        "-----END SSH HOST KEY KEYS-----\r\n" +
        "[  270.023682] cloud-init[504]: Cloud-init v. 22.4.2 finished at Mon, 07 Dec 2026 15:09:48 +0000. Datasource DataSourceNoCloud [seed=/dev/sr0][dsmode=net].  Up 269.85 seconds\r\n" +
        "portal-guest: hostname=portal-vm-1\r\n" +
        "portal-guest: fqdn=portal-vm-1.test\r\n" +
        "portal-guest: disk=/dev/vda size-bytes=8589934592\r\n" +
        "portal-guest: root=/dev/vda1 fs-size-bytes=8408211456\r\n" +
        "portal-guest: motd: PORTAL-MOTD: Welcome to portal-vm-1\r\n" +
        "portal-guest: cloud-init status: done \r\n" +
        "portal-guest: done\r\n";

    [Fact]
    public void A_finished_boot_gives_the_host_name_sizes_message_and_status()
    {
        var report = GuestConsoleReport.Parse(RealConsoleTail);

        Assert.NotNull(report);
        Assert.Equal("portal-vm-1", report.Hostname);
        Assert.Equal("portal-vm-1.test", report.Fqdn);
        Assert.Equal(8L << 30, report.DiskSizeBytes);
        Assert.Equal(8408211456, report.RootFileSystemSizeBytes);
        Assert.Equal(["PORTAL-MOTD: Welcome to portal-vm-1"], report.MessageOfTheDay);
        Assert.Equal("status: done", report.CloudInitStatus);
    }

    [Fact]
    public void A_report_still_being_written_is_not_a_report()
    {
        var unfinished = RealConsoleTail[..RealConsoleTail.IndexOf("portal-guest: done", StringComparison.Ordinal)];

        Assert.Null(GuestConsoleReport.Parse(unfinished));
        Assert.Null(GuestConsoleReport.Parse(""));
    }

    [Fact]
    public void After_a_reboot_the_last_report_counts()
    {
        var second = RealConsoleTail.Replace("portal-vm-1", "renamed-vm", StringComparison.Ordinal)
            .Replace("motd: PORTAL-MOTD: Welcome to renamed-vm", "motd: line one\r\nportal-guest: motd: line two", StringComparison.Ordinal);

        var report = GuestConsoleReport.Parse(RealConsoleTail + "[    0.000000] Linux version 6.1.0-50-amd64\r\n" + second);

        Assert.NotNull(report);
        Assert.Equal("renamed-vm", report.Hostname);
        Assert.Equal(["line one", "line two"], report.MessageOfTheDay);
    }

    [Fact]
    public void A_guest_without_a_message_of_the_day_reports_none()
    {
        var report = GuestConsoleReport.Parse(RealConsoleTail.Replace("portal-guest: motd: PORTAL-MOTD: Welcome to portal-vm-1\r\n", "", StringComparison.Ordinal));

        Assert.NotNull(report);
        Assert.Empty(report.MessageOfTheDay);
    }

    [Fact]
    public void A_complete_report_missing_a_line_is_an_error_that_names_it()
    {
        var broken = RealConsoleTail.Replace("portal-guest: disk=/dev/vda size-bytes=8589934592\r\n", "", StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => GuestConsoleReport.Parse(broken));
        Assert.Contains("portal-guest: disk=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_on_a_console_that_never_finishes_times_out_with_its_last_lines()
    {
        using var folder = new TempDirectory();
        var log = Path.Combine(folder.Path, "console.log");
        await File.WriteAllTextAsync(log, "[    8.066379] Run /init as init process\r\n", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => GuestConsoleReport.WaitAsync(log, TimeSpan.Zero, TestContext.Current.CancellationToken));

        Assert.Contains("Run /init as init process", error.Message, StringComparison.Ordinal);
        Assert.Contains(GuestConsoleReport.DoneLine, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_returns_once_the_guest_has_written_its_report()
    {
        using var folder = new TempDirectory();
        var log = Path.Combine(folder.Path, "console.log");
        await File.WriteAllTextAsync(log, "[    8.066379] Run /init as init process\r\n", TestContext.Current.CancellationToken);
        var waiting = GuestConsoleReport.WaitAsync(log, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        await File.AppendAllTextAsync(log, RealConsoleTail, TestContext.Current.CancellationToken);
        var report = await waiting;

        Assert.Equal("portal-vm-1", report.Hostname);
    }
}
