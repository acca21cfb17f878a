using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.RegularExpressions;
using Portal.Domain.Library;
using Portal.Domain.Validation;
using BuildResult = Portal.Domain.Validation.ValidationResult<string>;

namespace Portal.Provisioning.Boot;

/// <summary>
/// Writes the iPXE script that network-boots the image writer for one deployment. The writer learns what to do
/// from its kernel command line (portal.image, portal.format, portal.sha256, portal.disk, portal.callback) and
/// reports to the call-back URL, whose token names the deployment. The script configures the network itself
/// (dhcp) unless the iPXE that runs it has an address already (chained from a configured iPXE). If the boot
/// fails the script shows the error, waits and reboots — the machine then boots from the network again and
/// fetches a fresh script — and where this iPXE has no reboot command it tries again in place: it never ends,
/// so the firmware never goes on to the next boot device (the old system on the disk), and it never drops to an
/// iPXE shell that anyone at the console could use.
/// </summary>
public sealed partial class IpxeScriptBuilder
{
    // x86 Linux keeps at most COMMAND_LINE_SIZE = 2048 bytes of command line, terminating NUL included; a longer
    // one is cut silently, which would drop the last arguments (the call-back, the consoles).
    private const int MaxKernelCommandLine = 2047;

    private readonly BootOptions options;
    private readonly BootTokens tokens;

    public IpxeScriptBuilder(BootOptions options, BootTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        this.options = options;
        this.tokens = tokens;
    }

    /// <summary>
    /// The script, issuing a fresh call-back token; or the reasons the request cannot be put in a script safely
    /// (a URL with characters iPXE would interpret, a malformed checksum or disk, a command line too long).
    /// </summary>
    public BuildResult Build(ImageWriteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = Check(request).ToList();
        if (errors.Count > 0)
        {
            return BuildResult.Failure(errors);
        }

        var token = tokens.Issue(request.DeploymentId, options.TokenLifetime);
        var callback = $"{options.PortalBaseUrl!.AbsoluteUri.TrimEnd('/')}/api/boot/{token}/callback";
        string[] arguments =
        [
            "initrd=initrd",
            $"portal.image={request.ImageUrl.AbsoluteUri}",
            $"portal.format={request.ImageFormat.ToString().ToLowerInvariant()}",
            $"portal.sha256={request.ImageSha256.ToLowerInvariant()}",
            $"portal.disk={request.TargetDisk}",
            $"portal.callback={callback}",
            .. options.Consoles.Select(c => $"console={c}"),
        ];
        var commandLine = string.Join(' ', arguments);
        if (Encoding.UTF8.GetByteCount(commandLine) > MaxKernelCommandLine)
        {
            return BuildResult.Failure(
                "imageUrl", $"The kernel command line would be {commandLine.Length} bytes; Linux keeps {MaxKernelCommandLine}. Use a shorter image URL.");
        }

        var deployment = request.DeploymentId.ToString("D");
        var script = new StringBuilder()
            .Append("#!ipxe\n")
            .Append("# Portal deployment ").Append(deployment).Append(": boot the image writer, which writes the image and calls back.\n")
            .Append(":start\n")
            .Append("echo Portal deployment ").Append(deployment).Append(": loading the image writer\n")
            // Chained from an iPXE that has configured its network (the usual PXE -> iPXE -> script chain),
            // ${netX/ip} is set and kept; run on its own (an embedded or virtual-media iPXE) it is empty: dhcp.
            .Append("isset ${netX/ip} || dhcp || goto failed\n")
            .Append("kernel --name writer ").Append(IpxeText.Url(options.ImageWriterKernelUrl!)).Append(' ').Append(commandLine).Append(" || goto failed\n")
            .Append("initrd --name initrd ").Append(IpxeText.Url(options.ImageWriterInitrdUrl!)).Append(" || goto failed\n")
            .Append("boot || goto failed\n")
            .Append(":failed\n")
            .Append("echo Portal deployment ").Append(deployment).Append(": network boot failed with error ${errno}, trying again in ")
            .Append(options.RetryDelaySeconds).Append(" seconds\n")
            // "||" keeps the script going when the wait is interrupted (Ctrl-C) or sleep is not built in.
            .Append("sleep ").Append(options.RetryDelaySeconds).Append(" ||\n")
            // reboot fetches a fresh script. Upstream iPXE built it in by default only from 2026-01, and a script
            // that ends hands the machine back to the firmware, which boots the next device: the old system on
            // the disk, silently. So where reboot fails, or returns, the script starts over instead of ending.
            .Append("reboot ||\n")
            .Append("goto start\n");
        return BuildResult.Success(script.ToString());
    }

    private IEnumerable<ValidationError> Check(ImageWriteRequest request)
    {
        if (!request.IpxeHasHttps && request.Firmware != FirmwareType.Uefi)
        {
            foreach (var (field, url) in new[] { ("imageWriterKernelUrl", options.ImageWriterKernelUrl!), ("imageWriterInitrdUrl", options.ImageWriterInitrdUrl!) })
            {
                if (url.Scheme == Uri.UriSchemeHttps)
                {
                    yield return new ValidationError(field,
                        $"{url} is https, which iPXE fetches only when built with HTTPS, and BIOS builds are not; this machine may boot BIOS. " +
                        "Serve the image writer over http, or mark the platform's iPXE as having HTTPS.");
                }
            }
        }

        if (IpxeText.CheckUrl(request.ImageUrl) is { } problem)
        {
            yield return new ValidationError("imageUrl", $"The image URL {problem}");
        }

        if (!Enum.IsDefined(request.ImageFormat))
        {
            yield return new ValidationError("imageFormat", "Unknown image format.");
        }

        if (!Sha256Pattern().IsMatch(request.ImageSha256))
        {
            yield return new ValidationError("imageSha256", "A SHA-256 is 64 hexadecimal characters.");
        }

        if (!DiskPattern().IsMatch(request.TargetDisk) || request.TargetDisk.Contains("..", StringComparison.Ordinal))
        {
            yield return new ValidationError("targetDisk", "The target disk is \"auto\" or a device path such as /dev/sda or /dev/disk/by-id/wwn-0x5000c500a1b2c3d4.");
        }
    }

    // \z, not $: $ also matches before a final newline, which would let "...\n" through into the script.
    [GeneratedRegex(@"^[0-9a-fA-F]{64}\z")]
    private static partial Regex Sha256Pattern();

    [GeneratedRegex(@"^(auto|/dev/[A-Za-z0-9][A-Za-z0-9/_.:+-]*)\z")]
    private static partial Regex DiskPattern();
}
