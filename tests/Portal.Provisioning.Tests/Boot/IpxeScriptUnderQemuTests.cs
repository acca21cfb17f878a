using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Library;
using Portal.Provisioning.Boot;

namespace Portal.Provisioning.Tests.Boot;

/// <summary>
/// The built script run by a real iPXE: the one in Debian's ipxe-qemu (QEMU's network option ROM, which
/// qemu-system-x86 depends on; 1.0.0+git-20190125 on Debian 12), network-booted by SeaBIOS under QEMU with
/// user-mode networking, the script served over its TFTP. SeaBIOS mirrors the screen to the serial port
/// (etc/sercon-port), which the test reads. The image writer's kernel URL points at a closed port, so every boot
/// fails; what matters is what happens then. The disk is second in the boot order: a script that ended would hand
/// the machine to it ("Booting from Hard Disk").
/// </summary>
public sealed partial class IpxeScriptUnderQemuTests : IDisposable
{
    private const string Qemu = "/usr/bin/qemu-system-x86_64";
    // What QEMU loads as virtio-net-pci's option ROM (from its search path, /usr/lib/ipxe/qemu); checked, not named to QEMU.
    private const string IpxeRom = "/usr/lib/ipxe/qemu/efi-virtio.rom";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    private readonly string directory = Directory.CreateTempSubdirectory("portal-ipxe-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string BuiltScript()
    {
        var options = BootTestOptions.Create();
        options.PortalBaseUrl = new Uri("http://10.0.2.2:9/");
        options.ImageWriterKernelUrl = new Uri("http://10.0.2.2:9/writer/vmlinuz");
        options.ImageWriterInitrdUrl = new Uri("http://10.0.2.2:9/writer/initrd.img");
        options.RetryDelaySeconds = 5;
        var builder = new IpxeScriptBuilder(options, new BootTokens(options, new FakeTimeProvider(DateTimeOffset.UtcNow)));
        return builder.Build(new ImageWriteRequest
        {
            DeploymentId = Guid.Parse("0b6d9e1a-2c3f-4a5b-9c8d-7e6f5a4b3c2d"),
            ImageUrl = new Uri("http://10.0.2.2:9/images/web.qcow2"),
            ImageFormat = DiskFormat.Qcow2,
            ImageSha256 = new string('a', 64),
            TargetDisk = "auto",
        }).Value;
    }

    [Fact]
    public async Task Where_iPXE_has_no_reboot_command_a_failed_boot_starts_over_and_never_reaches_the_disk()
    {
        // As an iPXE built without REBOOT_CMD sees the script: the one word changed makes the command unknown.
        var script = BuiltScript().Replace("\nreboot ||\n", "\nreboot-not-built-in ||\n", StringComparison.Ordinal);

        var log = await BootAsync(script, text => Regex.Count(text, "loading the image writer") >= 3 || text.Contains("Booting from Hard Disk", StringComparison.Ordinal));

        Assert.DoesNotContain("Booting from Hard Disk", log, StringComparison.Ordinal);
        Assert.Contains("reboot-not-built-in: command not found", log, StringComparison.Ordinal);
        Assert.True(Regex.Count(log, "network boot failed with") >= 2, log);

        // Chained from the ROM's own configured iPXE, the script's dhcp never runs: one "Configuring" per boot.
        Assert.Equal(1, Regex.Count(log, @"Configuring \(net0"));
    }

    [Fact]
    public async Task Control_a_script_that_ends_after_a_failed_boot_hands_the_machine_to_the_disk()
    {
        // The check above can fail: the same failure in a script that ends reaches the disk at once.
        var script = BuiltScript()
            .Replace("\nreboot ||\n", "\nreboot-not-built-in ||\n", StringComparison.Ordinal)
            .Replace("\ngoto start\n", "\n", StringComparison.Ordinal);

        var log = await BootAsync(script, text => text.Contains("Booting from Hard Disk", StringComparison.Ordinal));

        Assert.Contains("network boot failed with", log, StringComparison.Ordinal);
        Assert.Contains("Booting from Hard Disk", log, StringComparison.Ordinal);
    }

    /// <summary>Boots QEMU from the network with the script until <paramref name="done"/> holds for the serial log, and returns the log.</summary>
    private async Task<string> BootAsync(string script, Func<string, bool> done)
    {
        Assert.True(File.Exists(Qemu) && File.Exists(IpxeRom),
            $"This test runs the script in Debian's iPXE under QEMU: install qemu-system-x86 (tests/run.sh does); {Qemu} or {IpxeRom} is missing.");
        var tftp = Directory.CreateDirectory(Path.Combine(directory, "tftp")).FullName;
        await File.WriteAllTextAsync(Path.Combine(tftp, "boot.ipxe"), script, TestContext.Current.CancellationToken);
        var disk = Path.Combine(directory, "old-system.raw");
        await File.WriteAllBytesAsync(disk, new byte[1024 * 1024], TestContext.Current.CancellationToken);
        var sercon = Path.Combine(directory, "sercon-port");
        await File.WriteAllBytesAsync(sercon, BitConverter.GetBytes(0x3f8L), TestContext.Current.CancellationToken);
        var serial = Path.Combine(directory, "serial.log");

        var start = new ProcessStartInfo(Qemu) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
                 {
                     "-machine", "pc,accel=tcg", "-m", "128", "-display", "none", "-vga", "std",
                     "-fw_cfg", $"name=etc/sercon-port,file={sercon}",
                     "-serial", $"file:{serial}",
                     "-netdev", $"user,id=n0,tftp={tftp},bootfile=boot.ipxe",
                     "-device", "virtio-net-pci,netdev=n0,bootindex=1",
                     "-drive", $"file={disk},format=raw,if=none,id=old",
                     "-device", "ide-hd,drive=old,bootindex=2",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var qemu = Process.Start(start)!;
        var errors = qemu.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            var deadline = DateTime.UtcNow + Patience;
            var log = string.Empty;
            while (DateTime.UtcNow < deadline && !qemu.HasExited)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
                log = Read(serial);
                if (done(log))
                {
                    return log;
                }
            }

            throw new Xunit.Sdk.XunitException(
                $"QEMU {(qemu.HasExited ? $"exited ({qemu.ExitCode}): {await errors}" : $"ran {Patience.TotalMinutes} min")} without the expected output. Serial log:\n{log}");
        }
        finally
        {
            if (!qemu.HasExited)
            {
                qemu.Kill();
                await qemu.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>The serial log as text: carriage returns and the terminal escapes SeaBIOS's mirror sends taken out.</summary>
    private static string Read(string path)
    {
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return Escapes().Replace(reader.ReadToEnd(), string.Empty).Replace("\r", string.Empty, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Escapes();
}
