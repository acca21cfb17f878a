using System.Diagnostics;
using System.Text.Json;

namespace Portal.Testing;

/// <summary>
/// The real virtualization host the tests that boot a VM run on: the libvirt daemon at <see cref="Uri"/>
/// (qemu:///system unless PORTAL_TEST_LIBVIRT_URI says otherwise) with QEMU behind it, and the Debian guest image
/// tests/images/build-debian-image.sh built (its path in PORTAL_TEST_DEBIAN_IMAGE, which tests/run.sh exports).
/// When anything is missing, <see cref="RequireAsync"/> throws and says what to install or run: such a test
/// fails, it is never skipped.
/// </summary>
public sealed class RealLibvirt
{
    public const string ImageVariable = "PORTAL_TEST_DEBIAN_IMAGE";

    /// <summary>Set by tests/run.sh when the image could not be built: what failed, and where its log is.</summary>
    public const string ImageErrorVariable = "PORTAL_TEST_DEBIAN_IMAGE_ERROR";

    public const string UriVariable = "PORTAL_TEST_LIBVIRT_URI";
    public const string DefaultUri = "qemu:///system";

    private const string Install =
        "apt-get install --no-install-recommends libvirt-daemon-system libvirt-daemon-driver-qemu libvirt-clients " +
        "qemu-system-x86 qemu-system-data seabios ipxe-qemu qemu-utils xorriso";

    private const string StartDaemons =
        "Run the suite with tests/run.sh, which installs them and starts the daemons where no init system does; " +
        "or, as root: virtlogd -d && libvirtd -d";

    private RealLibvirt(string uri, string hypervisor, string domainType, string imagePath, long imageVirtualSize)
    {
        Uri = uri;
        Hypervisor = hypervisor;
        DomainType = domainType;
        DebianImagePath = imagePath;
        DebianImageVirtualSize = imageVirtualSize;
    }

    /// <summary>The libvirt connection URI ("qemu:///system").</summary>
    public string Uri { get; }

    /// <summary>What libvirt reports as the hypervisor ("QEMU 7.2.0").</summary>
    public string Hypervisor { get; }

    /// <summary>
    /// "kvm" when x86_64 guests get hardware acceleration, otherwise "qemu" (software emulation): libvirt must offer
    /// kvm (<c>virsh domcapabilities</c>) and, on a local host, QEMU must start a KVM vCPU with the host's CPU model.
    /// libvirt alone is not enough: it offers kvm wherever /dev/kvm opens, also where QEMU then aborts.
    /// </summary>
    public string DomainType { get; }

    /// <summary>The built Debian 12 qcow2 image (read-only: give each VM its own copy or overlay).</summary>
    public string DebianImagePath { get; }

    /// <summary>The image's disk size in bytes, before any VM grows it.</summary>
    public long DebianImageVirtualSize { get; }

    /// <summary>Checks that libvirt answers at the URI with a QEMU that can run x86_64 guests and that the image exists.</summary>
    /// <exception cref="InvalidOperationException">Something is missing; the message says what to install or run.</exception>
    public static Task<RealLibvirt> RequireAsync(CancellationToken cancellationToken = default) =>
        RequireAsync(Environment.GetEnvironmentVariable, cancellationToken);

    /// <summary>As <see cref="RequireAsync(CancellationToken)"/>, reading the variables through <paramref name="environment"/>.</summary>
    public static async Task<RealLibvirt> RequireAsync(Func<string, string?> environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var uri = environment(UriVariable) is { Length: > 0 } configured ? configured : DefaultUri;
        if (FindTool("virsh") is null)
        {
            throw new InvalidOperationException($"This test boots a real VM through libvirt and virsh is not installed. {StartDaemons}; or {Install}.");
        }

        var version = await RunAsync("virsh", ["-c", uri, "version"], TimeSpan.FromSeconds(30), cancellationToken);
        if (version.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"libvirt does not answer at {uri} ({version.Error.Trim()}). {StartDaemons}. Packages: {Install}.");
        }

        var hypervisor = version.Output.Split('\n')
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith("Running hypervisor:", StringComparison.Ordinal))?["Running hypervisor:".Length..].Trim();
        if (hypervisor is null || !hypervisor.StartsWith("QEMU", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"libvirt at {uri} runs no QEMU hypervisor (virsh version: {version.Output.Trim()}). Install qemu-system-x86 and libvirt-daemon-driver-qemu, then restart libvirtd.");
        }

        var domainType = await DetectDomainTypeAsync(uri, cancellationToken);
        var (image, size) = await RequireImageAsync(environment, cancellationToken);
        return new RealLibvirt(uri, hypervisor, domainType, image, size);
    }

    /// <summary>Runs virsh against <see cref="Uri"/>; a non-zero exit is returned, not thrown, so a test can assert on it.</summary>
    public Task<ToolOutput> VirshAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        RunAsync("virsh", ["-c", Uri, .. arguments], TimeSpan.FromMinutes(2), cancellationToken);

    private static async Task<string> DetectDomainTypeAsync(string uri, CancellationToken cancellationToken)
    {
        var qemu = await RunAsync("virsh", ["-c", uri, "domcapabilities", "--virttype", "qemu", "--arch", "x86_64"], TimeSpan.FromSeconds(60), cancellationToken);
        if (qemu.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"libvirt at {uri} cannot run x86_64 guests ({qemu.Error.Trim()}). Install qemu-system-x86, qemu-system-data and seabios, then restart libvirtd.");
        }

        // libvirt offers kvm whenever /dev/kvm opens, even where QEMU then aborts creating a vCPU (a nested
        // /dev/kvm that refuses the MSRs QEMU sets, as on these machines): on a local host, ask QEMU itself.
        var kvm = await RunAsync("virsh", ["-c", uri, "domcapabilities", "--virttype", "kvm", "--arch", "x86_64"], TimeSpan.FromSeconds(60), cancellationToken);
        if (kvm.ExitCode != 0)
        {
            return "qemu";
        }

        var local = System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && string.IsNullOrEmpty(parsed.Host);
        var emulator = System.Xml.Linq.XDocument.Parse(kvm.Output).Root?.Element("path")?.Value;
        return !local || emulator is null || await QemuStartsWithKvmAsync(emulator, cancellationToken) ? "kvm" : "qemu";
    }

    /// <summary>Creates a paused KVM vCPU with the host's CPU model and quits through QMP: about 0.2 s.</summary>
    private static async Task<bool> QemuStartsWithKvmAsync(string emulator, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(emulator)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-accel", "kvm", "-cpu", "host", "-machine", "q35", "-nodefaults", "-no-user-config", "-display", "none", "-S", "-qmp", "stdio" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{emulator} did not start.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.StandardInput.WriteAsync("{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"quit\"}\n".AsMemory(), deadline.Token);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // QEMU aborted before reading its input: the exit code below says so.
        }

        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }

        await output;
        await error;
        return process.ExitCode == 0;
    }

    private static async Task<(string Path, long VirtualSize)> RequireImageAsync(Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var path = environment(ImageVariable);
        var buildError = environment(ImageErrorVariable);
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            var why = !string.IsNullOrWhiteSpace(buildError)
                ? $"tests/run.sh could not build it: {buildError}"
                : string.IsNullOrWhiteSpace(path)
                    ? $"{ImageVariable} is not set"
                    : $"{ImageVariable} names {path}, which does not exist";
            throw new InvalidOperationException(
                $"This test boots the Debian guest image and {why}. Run the suite with tests/run.sh, which builds it once and " +
                $"caches it; or build it as root with tests/images/build-debian-image.sh (Debian packages mmdebstrap, e2fsprogs, " +
                $"fdisk, grub-pc-bin, qemu-utils) and set {ImageVariable} to the path it prints last.");
        }

        if (FindTool("qemu-img") is null)
        {
            throw new InvalidOperationException("qemu-img is not installed: apt-get install qemu-utils.");
        }

        var info = await RunAsync("qemu-img", ["info", "--output=json", path], TimeSpan.FromSeconds(30), cancellationToken);
        if (info.ExitCode != 0)
        {
            throw new InvalidOperationException($"qemu-img cannot read {path} ({info.Error.Trim()}): delete it and build it again with tests/images/build-debian-image.sh.");
        }

        using var json = JsonDocument.Parse(info.Output);
        var format = json.RootElement.GetProperty("format").GetString();
        if (format != "qcow2")
        {
            throw new InvalidOperationException($"{path} is a {format} image, not the qcow2 that tests/images/build-debian-image.sh builds.");
        }

        return (path, json.RootElement.GetProperty("virtual-size").GetInt64());
    }

    private static async Task<ToolOutput> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(FindTool(tool) ?? tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        return new ToolOutput(process.ExitCode, await output, await error);
    }

    private static string? FindTool(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);
}
