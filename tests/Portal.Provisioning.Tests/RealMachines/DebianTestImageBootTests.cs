using System.Diagnostics;
using System.Xml.Linq;
using Portal.Testing;

namespace Portal.Provisioning.Tests.RealMachines;

/// <summary>
/// Boots the Debian test image on the real libvirt host, without the portal: a qcow2 overlay grown to 4 GiB, a
/// NoCloud seed built by xorriso as a CD-ROM labelled cidata, QEMU user-mode networking and the serial console
/// logged to a file. Proves the image itself (GRUB, kernel, cloud-init, growpart, the console report) apart from
/// the portal's driver, with the domain XML the driver is expected to write.
/// </summary>
public sealed class DebianTestImageBootTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_image_boots_applies_its_seed_and_grows_its_root_file_system_to_the_disk()
    {
        var host = await RealLibvirt.RequireAsync(Token);
        using var folder = new TempDirectory();
        var name = "portal-imagetest-" + Guid.NewGuid().ToString("N")[..8];
        var disk = Path.Combine(folder.Path, "disk.qcow2");
        var seed = Path.Combine(folder.Path, "seed.iso");
        var console = Path.Combine(folder.Path, "console.log");
        const long diskSize = 4L << 30;

        await RunAsync("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", host.DebianImagePath, disk, diskSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var seedFiles = Path.Combine(folder.Path, "seed");
        Directory.CreateDirectory(seedFiles);
        await File.WriteAllTextAsync(Path.Combine(seedFiles, "user-data"), $"""
            #cloud-config
            hostname: {name}
            fqdn: {name}.portal.test
            manage_etc_hosts: true
            users:
              - name: portal
                shell: /bin/bash
                lock_passwd: true
            # The last line of the message has no newline after it (YAML clips none at the end of the
            # document): the guest's report must still end it.
            write_files:
              - path: /etc/motd
                content: |
                  Deployed by the portal's image test {name}
                  Second line
            """, Token);
        await File.WriteAllTextAsync(Path.Combine(seedFiles, "meta-data"), $"instance-id: {name}\nlocal-hostname: {name}\n", Token);
        await File.WriteAllTextAsync(Path.Combine(seedFiles, "network-config"), """
            version: 2
            ethernets:
              primary:
                match:
                  macaddress: "52:54:00:5e:00:01"
                dhcp4: true
            """, Token);
        await RunAsync("xorriso", "-as", "mkisofs", "-quiet", "-o", seed, "-V", "cidata", "-J", "-r",
            Path.Combine(seedFiles, "user-data"), Path.Combine(seedFiles, "meta-data"), Path.Combine(seedFiles, "network-config"));

        var xml = Path.Combine(folder.Path, "domain.xml");
        await File.WriteAllTextAsync(xml, Domain(name, host.DomainType, disk, seed, console).ToString(), Token);
        var created = await host.VirshAsync(["create", xml], Token);
        Assert.True(created.ExitCode == 0, $"virsh create failed: {created.Error}");
        try
        {
            var report = await GuestConsoleReport.WaitAsync(console, TimeSpan.FromMinutes(15), Token);

            Assert.Equal(name, report.Hostname);
            Assert.Equal($"{name}.portal.test", report.Fqdn);
            Assert.Equal([$"Deployed by the portal's image test {name}", "Second line"], report.MessageOfTheDay);
            Assert.Equal(diskSize, report.DiskSizeBytes);
            // The image's root file system is under 2 GiB: above 3.5 GiB, growpart and resize2fs have run.
            Assert.InRange(report.RootFileSystemSizeBytes, 7 * (diskSize / 8), diskSize);
            Assert.Equal("status: done", report.CloudInitStatus);
        }
        catch (Exception) when (KeepConsole(console, name))
        {
            throw;
        }
        finally
        {
            await host.VirshAsync(["destroy", name], CancellationToken.None);
        }
    }

    /// <summary>A failed boot's console log outlives the test's temp folder (its path is written to the test output).</summary>
    private static bool KeepConsole(string console, string name)
    {
        if (File.Exists(console))
        {
            var kept = Path.Combine(Path.GetTempPath(), $"{name}-console.log");
            File.Copy(console, kept, overwrite: true);
            TestContext.Current.TestOutputHelper?.WriteLine($"The guest's console log: {kept}");
        }

        return false;
    }

    /// <summary>
    /// Software emulation gets QEMU's "maximum" CPU model (the default qemu64 lacks x86-64-v2); with KVM the host's
    /// own CPU. q35 machine: the CD-ROM is on SATA.
    /// </summary>
    private static XElement Domain(string name, string domainType, string disk, string seed, string console) =>
        new("domain", new XAttribute("type", domainType),
            new XElement("name", name),
            new XElement("memory", new XAttribute("unit", "MiB"), 1024),
            new XElement("vcpu", 1),
            new XElement("os", new XElement("type", new XAttribute("arch", "x86_64"), new XAttribute("machine", "q35"), "hvm")),
            new XElement("features", new XElement("acpi"), new XElement("apic")),
            new XElement("cpu", new XAttribute("mode", domainType == "kvm" ? "host-passthrough" : "maximum")),
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", "restart"),
            new XElement("devices",
                new XElement("disk", new XAttribute("type", "file"), new XAttribute("device", "disk"),
                    new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "qcow2")),
                    new XElement("source", new XAttribute("file", disk)),
                    new XElement("target", new XAttribute("dev", "vda"), new XAttribute("bus", "virtio")),
                    new XElement("boot", new XAttribute("order", 1))),
                new XElement("disk", new XAttribute("type", "file"), new XAttribute("device", "cdrom"),
                    new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
                    new XElement("source", new XAttribute("file", seed)),
                    new XElement("target", new XAttribute("dev", "sda"), new XAttribute("bus", "sata")),
                    new XElement("readonly")),
                new XElement("interface", new XAttribute("type", "user"),
                    new XElement("mac", new XAttribute("address", "52:54:00:5e:00:01")),
                    new XElement("model", new XAttribute("type", "virtio"))),
                new XElement("serial", new XAttribute("type", "file"),
                    new XElement("source", new XAttribute("path", console)),
                    new XElement("target", new XAttribute("port", 0))),
                new XElement("console", new XAttribute("type", "file"),
                    new XElement("source", new XAttribute("path", console)),
                    new XElement("target", new XAttribute("type", "serial"), new XAttribute("port", 0)))));

    private static async Task RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var error = await process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        await output;
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {error}");
    }
}
