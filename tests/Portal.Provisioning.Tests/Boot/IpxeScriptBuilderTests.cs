using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Library;
using Portal.Provisioning.Boot;

namespace Portal.Provisioning.Tests.Boot;

public sealed class IpxeScriptBuilderTests
{
    private const string Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly Guid Deployment = Guid.Parse("0b6d9e1a-2c3f-4a5b-9c8d-7e6f5a4b3c2d");

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly BootTokens tokens;
    private readonly IpxeScriptBuilder builder;

    public IpxeScriptBuilderTests()
    {
        tokens = new BootTokens(BootTestOptions.Create(), time);
        builder = new IpxeScriptBuilder(BootTestOptions.Create(), tokens);
    }

    private static ImageWriteRequest Request(string imageUrl = "http://images.example/library/web-2026.03.qcow2", string disk = "/dev/sda", string sha256 = Sha256) => new()
    {
        DeploymentId = Deployment,
        ImageUrl = new Uri(imageUrl),
        ImageFormat = DiskFormat.Qcow2,
        ImageSha256 = sha256,
        TargetDisk = disk,
    };

    private string Script(ImageWriteRequest? request = null)
    {
        var result = builder.Build(request ?? Request());
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return result.Value;
    }

    private static string Line(string script, string command) =>
        Assert.Single(script.Split('\n'), l => l.StartsWith(command + " ", StringComparison.Ordinal));

    [Fact]
    public void The_script_starts_with_the_iPXE_magic_line()
    {
        Assert.StartsWith("#!ipxe\n", Script(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_kernel_line_loads_the_image_writer_with_image_format_checksum_disk_callback_and_consoles_in_that_order()
    {
        var kernel = Line(Script(), "kernel");

        string[] expectedInOrder =
        [
            "kernel --name writer http://boot.example/writer/vmlinuz ",
            " initrd=initrd ",
            " portal.image=http://images.example/library/web-2026.03.qcow2 ",
            " portal.format=qcow2 ",
            $" portal.sha256={Sha256} ",
            " portal.disk=/dev/sda ",
            " portal.callback=https://portal.example/api/boot/",
            " console=tty0 console=ttyS0,115200n8 ",
            " || goto failed",
        ];
        var positions = expectedInOrder.Select(part => kernel.IndexOf(part, StringComparison.Ordinal)).ToList();
        Assert.True(positions.All(p => p >= 0) && positions.SequenceEqual(positions.Order()), $"Expected these parts in order in: {kernel}\n{string.Join("\n", expectedInOrder)}");
    }

    [Fact]
    public void The_callback_URL_carries_a_token_for_this_deployment()
    {
        var callback = Regex.Match(Line(Script(), "kernel"), @"portal\.callback=https://portal\.example/api/boot/(?<token>[^/ ]+)/callback ");

        Assert.True(callback.Success, "The kernel line has a call-back URL of the form {portal}/api/boot/{token}/callback.");
        Assert.True(tokens.IsValidFor(callback.Groups["token"].Value, Deployment), "The call-back token names this deployment.");
    }

    [Fact]
    public void The_script_configures_the_network_loads_the_kernel_then_the_initrd_boots_and_on_failure_waits_reboots_or_starts_over()
    {
        var commands = Commands(Script());

        Assert.Equal([":start", "echo", "isset", "kernel", "initrd", "boot", ":failed", "echo", "sleep", "reboot", "goto"], commands.Select(c => c.Split(' ')[0]));
    }

    [Fact]
    public void Dhcp_runs_only_when_the_iPXE_that_runs_the_script_has_no_address_yet()
    {
        Assert.Contains("isset ${netX/ip} || dhcp || goto failed", Commands(Script()));
    }

    [Fact]
    public void The_script_never_ends_so_the_firmware_never_goes_on_to_the_old_system_on_the_disk()
    {
        var commands = Commands(Script());

        // reboot failing (not built in before 2026-01) must not end the script: its line goes on, and the last
        // line starts over unconditionally. Nothing exits back to the firmware.
        Assert.Contains("reboot ||", commands);
        Assert.Equal("goto start", commands[^1]);
        Assert.Equal(":start", commands[0]);
        Assert.DoesNotContain(commands, c => c.Split(' ').Contains("exit") || c.Split(' ').Contains("sanboot"));
        Assert.All(commands.Where(c => c.Contains("goto ", StringComparison.Ordinal)),
            c => Assert.Contains(":" + c[(c.LastIndexOf("goto ", StringComparison.Ordinal) + 5)..], commands));
    }

    [Theory]
    [InlineData(FirmwareType.Bios)]
    [InlineData(null)]
    public void An_https_image_writer_is_refused_for_a_machine_that_may_boot_BIOS(FirmwareType? firmware)
    {
        var https = new IpxeScriptBuilder(HttpsWriter(), tokens);

        var result = https.Build(Request() with { Firmware = firmware });

        Assert.False(result.IsValid);
        Assert.Equal(["imageWriterKernelUrl", "imageWriterInitrdUrl"], result.Errors.Select(e => e.Field));
        Assert.Contains("BIOS", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_https_image_writer_is_taken_for_UEFI_or_where_the_platforms_iPXE_has_HTTPS()
    {
        var https = new IpxeScriptBuilder(HttpsWriter(), tokens);

        var uefi = https.Build(Request() with { Firmware = FirmwareType.Uefi });
        var flagged = https.Build(Request() with { Firmware = FirmwareType.Bios, IpxeHasHttps = true });

        Assert.True(uefi.IsValid && flagged.IsValid);
        Assert.StartsWith("kernel --name writer https://boot.example/writer/vmlinuz ", Line(flagged.Value, "kernel"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_https_image_URL_is_fine_for_BIOS_since_the_writer_fetches_it_not_iPXE()
    {
        var result = builder.Build(Request("https://images.example/library/web.qcow2") with { Firmware = FirmwareType.Bios });

        Assert.True(result.IsValid);
    }

    private static BootOptions HttpsWriter()
    {
        var options = BootTestOptions.Create();
        options.ImageWriterKernelUrl = new Uri("https://boot.example/writer/vmlinuz");
        options.ImageWriterInitrdUrl = new Uri("https://boot.example/writer/initrd.img");
        return options;
    }

    private static List<string> Commands(string script) =>
        [.. script.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'))];

    [Fact]
    public void A_failed_boot_never_drops_to_the_iPXE_shell()
    {
        Assert.DoesNotContain(Script().Split('\n'), l => l.Split(' ').Contains("shell"));
    }

    [Fact]
    public void The_initrd_is_loaded_under_the_name_the_kernel_line_gives_it()
    {
        Assert.Equal("initrd --name initrd http://boot.example/writer/initrd.img || goto failed", Line(Script(), "initrd"));
    }

    [Fact]
    public void A_space_in_the_image_URL_is_percent_encoded_so_it_cannot_split_the_command()
    {
        var kernel = Line(Script(Request("http://images.example/library/web image.qcow2")), "kernel");

        Assert.Contains(" portal.image=http://images.example/library/web%20image.qcow2 ", kernel, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newline_in_the_image_URL_is_percent_encoded_so_it_cannot_start_a_command()
    {
        var script = Script(Request("http://images.example/a.qcow2\nshell"));

        Assert.DoesNotContain("shell", script.Split('\n'));
        Assert.Contains("portal.image=http://images.example/a.qcow2%0Ashell ", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://images.example/$name.qcow2", "'$'")]
    [InlineData("http://images.example/a.qcow2;reboot", "';'")]
    [InlineData("http://images.example/it's.qcow2", "'''")]
    [InlineData("http://images.example/a.qcow2#comment", "fragment")]
    [InlineData("http://admin:secret@images.example/a.qcow2", "credentials")]
    [InlineData("ftp://images.example/a.qcow2", "http")]
    [InlineData("file:///srv/images/a.qcow2", "http")]
    public void An_image_URL_iPXE_or_the_kernel_would_interpret_is_refused(string url, string reason)
    {
        var result = builder.Build(Request(url));

        var error = Assert.Single(result.Errors);
        Assert.Equal("imageUrl", error.Field);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/sda || shell")]
    [InlineData("/dev/sda\nshell")]
    [InlineData("/dev/sda\n")]
    [InlineData("${root-path}")]
    [InlineData("/dev/../etc/shadow")]
    [InlineData("sda")]
    [InlineData("")]
    public void A_target_disk_that_is_not_a_device_path_or_auto_is_refused(string disk)
    {
        Assert.Equal(["targetDisk"], builder.Build(Request(disk: disk)).Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("/dev/nvme0n1")]
    [InlineData("/dev/disk/by-id/wwn-0x5000c500a1b2c3d4")]
    [InlineData("/dev/disk/by-path/pci-0000:3b:00.0-sas-phy0-lun-0")]
    public void A_device_path_or_auto_is_accepted_as_target_disk(string disk)
    {
        Assert.Contains($" portal.disk={disk} ", Line(Script(Request(disk: disk)), "kernel"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Sha256 + "\n")]
    [InlineData(Sha256 + " || shell")]
    [InlineData("9f86d081")]
    [InlineData("not-a-checksum-not-a-checksum-not-a-checksum-not-a-checksum-0000")]
    public void A_checksum_that_is_not_64_hexadecimal_characters_is_refused(string sha256)
    {
        Assert.Equal(["imageSha256"], builder.Build(Request(sha256: sha256)).Errors.Select(e => e.Field));
    }

    [Fact]
    public void An_image_URL_too_long_for_the_kernel_command_line_is_refused()
    {
        var result = builder.Build(Request("http://images.example/" + new string('a', 2000) + ".qcow2"));

        Assert.Equal(["imageUrl"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Options_with_a_console_that_could_inject_an_argument_are_refused_at_start()
    {
        var options = BootTestOptions.Create();
        options.Consoles = ["ttyS0,115200 init=/bin/sh"];

        Assert.Throws<ValidationException>(() => new IpxeScriptBuilder(options, tokens));
    }

    [Fact]
    public void Options_with_an_image_writer_URL_iPXE_would_expand_are_refused_at_start()
    {
        var options = BootTestOptions.Create();
        options.ImageWriterKernelUrl = new Uri("http://boot.example/${arch}/vmlinuz");

        Assert.Throws<ValidationException>(() => new IpxeScriptBuilder(options, tokens));
    }
}
