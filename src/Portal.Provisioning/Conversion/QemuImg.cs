using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Library;

namespace Portal.Provisioning.Conversion;

/// <summary>
/// Reads and converts disk images by running qemu-img (Debian package qemu-utils). Arguments go through
/// <see cref="ProcessStartInfo.ArgumentList"/>, never a shell, so a path with spaces or quotes is just a path.
/// Safe to call concurrently: each call runs its own process and keeps no state in this object.
/// </summary>
public sealed partial class QemuImg(IOptions<QemuImgOptions> options, ILogger<QemuImg> logger)
{
    /// <summary>The vmdk variant ESXi imports and OVA packages carry; qemu-img's default (monolithicSparse) is neither.</summary>
    public const string VmdkSubformat = "streamOptimized";

    // Every qemu format stores whole sectors, so a source that is not a multiple of this is rounded up.
    private const long SectorSize = 512;

    private const int HashBufferSize = 1 << 20;

    private string Executable => options.Value.Path;

    /// <summary>Format and sizes of an image, letting qemu-img recognise the format.</summary>
    public Task<DiskImageInfo> InfoAsync(string path, CancellationToken cancellationToken = default) =>
        ReadInfoAsync(path, format: null, cancellationToken);

    /// <summary>
    /// Format and sizes of an image that must be in <paramref name="format"/>. Prefer this for images that came
    /// from outside: a raw disk is never taken for the qcow2 header a guest may have written at its start.
    /// </summary>
    public Task<DiskImageInfo> InfoAsync(string path, DiskFormat format, CancellationToken cancellationToken = default) =>
        ReadInfoAsync(path, format, cancellationToken);

    /// <summary>
    /// Creates an empty disk image (a VM's data disk). An image already at the path is left as it is: a
    /// re-delivered create must not wipe a disk a guest has started to use.
    /// </summary>
    public async Task CreateAsync(string path, DiskFormat format, long sizeBytes, CancellationToken cancellationToken = default)
    {
        var name = QemuImgFormats.NameOf(format);
        var target = Path.GetFullPath(path);
        if (File.Exists(target))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".creating";
        await RunAsync(["create", "-q", "-f", name, temporary, sizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)], temporary, _ => { }, cancellationToken);
        File.Move(temporary, target, overwrite: false);
    }

    /// <summary>
    /// Grows an image to <paramref name="sizeBytes"/> (what a VM's hardware template gives its disk; the guest grows
    /// its partition and filesystem itself, e.g. cloud-init's growpart). An image already that size is left alone;
    /// one larger is refused, since shrinking would cut off what the guest wrote at its end. Returns the new virtual size.
    /// </summary>
    /// <exception cref="QemuImgException">The image is larger than <paramref name="sizeBytes"/>, or qemu-img failed.</exception>
    public async Task<long> GrowAsync(string path, DiskFormat format, long sizeBytes, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(path);
        var info = await InfoAsync(target, format, cancellationToken);
        if (info.VirtualSizeBytes == sizeBytes)
        {
            return sizeBytes;
        }

        if (info.VirtualSizeBytes > sizeBytes)
        {
            throw new QemuImgException(
                $"The image is {info.VirtualSizeBytes} bytes, larger than the {sizeBytes} bytes its disk is to have: give the disk at least the image's size.");
        }

        await RunAsync(["resize", "-q", "-f", QemuImgFormats.NameOf(format), target, sizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            target, _ => { }, cancellationToken);
        var grown = await InfoAsync(target, format, cancellationToken);
        return grown.VirtualSizeBytes == sizeBytes
            ? sizeBytes
            : throw new QemuImgException($"qemu-img resized {target} to {grown.VirtualSizeBytes} bytes, not {sizeBytes}.");
    }

    /// <summary>
    /// Converts an image and returns the verified result. The result appears at the target path only once it is
    /// complete and checked, by a rename; a crash or cancellation leaves no file there. Calling again for a target
    /// that already holds the expected image returns it without converting (see remarks).
    /// </summary>
    /// <remarks>
    /// Workflow steps are delivered at least once: a worker that dies after the conversion but before recording it
    /// runs the step again. Converting a 50 GB disk takes tens of minutes, so a target that is already in the target
    /// format with the source's virtual size is taken as this step's own earlier result. The rename-on-success rule
    /// is what makes that safe: no half-written file can ever sit at the target path and pass for a result. Contents
    /// are not compared (that would cost a conversion), so target paths must belong to one source each; the hash is
    /// computed again, which only reads the file.
    /// </remarks>
    /// <param name="progress">Receives 0..1 as qemu-img reports it, and 1 at the end.</param>
    public async Task<ConvertedImage> ConvertAsync(ConversionRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sourceFormat = QemuImgFormats.NameOf(request.SourceFormat);
        var targetFormat = QemuImgFormats.NameOf(request.TargetFormat);
        var sourcePath = Path.GetFullPath(request.SourcePath);
        var targetPath = Path.GetFullPath(request.TargetPath);
        if (string.Equals(sourcePath, targetPath, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The conversion of {sourcePath} would overwrite its own source.", nameof(request));
        }

        var source = await ReadInfoAsync(sourcePath, request.SourceFormat, cancellationToken);
        if (source.BackingFile is not null)
        {
            // Converting follows the chain, so an uploaded image could name any host file and have it copied into a disk.
            throw new QemuImgException($"{sourcePath} reads from the backing file {source.BackingFile}; only self-contained images are converted.");
        }

        var expectedSize = RoundUpToSector(source.VirtualSizeBytes);
        if (File.Exists(targetPath))
        {
            var existing = await TryReadInfoAsync(targetPath, cancellationToken);
            if (existing is not null && IsExpected(existing, request.TargetFormat, expectedSize))
            {
                LogAlreadyConverted(targetPath, targetFormat);
                var earlier = await HashAsync(targetPath, cancellationToken);
                progress?.Report(1);
                return Result(targetPath, request.TargetFormat, existing.VirtualSizeBytes, earlier);
            }

            LogReplacing(targetPath, existing?.FormatName ?? "unreadable");
        }

        var directory = Path.GetDirectoryName(targetPath)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(targetPath)}.{Guid.NewGuid():N}.partial");
        try
        {
            List<string> arguments = ["convert", "-p", "-f", sourceFormat, "-O", targetFormat];
            arguments.AddRange(CreateOptions(request.TargetFormat));
            arguments.Add(sourcePath);
            arguments.Add(temporary);

            LogConverting(sourcePath, sourceFormat, targetPath, targetFormat);
            var started = Stopwatch.GetTimestamp();
            var parser = new ProgressParser(progress);
            await RunAsync(arguments, sourcePath, parser.Append, cancellationToken);

            // Probed, not told the format: the check is that qemu-img really wrote what was asked.
            var written = await ReadInfoAsync(temporary, format: null, cancellationToken);
            if (!IsExpected(written, request.TargetFormat, expectedSize))
            {
                throw new QemuImgException(
                    $"qemu-img converted {sourcePath} to {written.FormatName}{(written.Subformat is null ? "" : $" ({written.Subformat})")} " +
                    $"of {written.VirtualSizeBytes} bytes, not {targetFormat} of {expectedSize} bytes.");
            }

            var hash = await HashAsync(temporary, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, targetPath, overwrite: true);
            LogConverted(targetPath, targetFormat, Stopwatch.GetElapsedTime(started).TotalSeconds);
            parser.Finish();
            return Result(targetPath, request.TargetFormat, written.VirtualSizeBytes, hash);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static IEnumerable<string> CreateOptions(DiskFormat target) => target switch
    {
        DiskFormat.Vmdk => ["-o", $"subformat={VmdkSubformat}"],
        // Without it qemu-img rounds a VHD up to a CHS geometry, so the disk grows and Azure (whole MiB) refuses it.
        DiskFormat.Vpc => ["-o", "force_size=on"],
        _ => [],
    };

    private static bool IsExpected(DiskImageInfo info, DiskFormat format, long virtualSize) =>
        info.Format == format
        && info.VirtualSizeBytes == virtualSize
        && (format != DiskFormat.Vmdk || string.Equals(info.Subformat, VmdkSubformat, StringComparison.Ordinal));

    private static long RoundUpToSector(long bytes) => (bytes + SectorSize - 1) / SectorSize * SectorSize;

    private static ConvertedImage Result(string path, DiskFormat format, long virtualSize, string sha256) => new()
    {
        Path = path,
        Format = format,
        VirtualSizeBytes = virtualSize,
        SizeBytes = new FileInfo(path).Length,
        Sha256 = sha256,
    };

    private async Task<DiskImageInfo?> TryReadInfoAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadInfoAsync(path, format: null, cancellationToken);
        }
        catch (QemuImgException exception)
        {
            LogUnreadableTarget(path, exception.Message);
            return null;
        }
    }

    private async Task<DiskImageInfo> ReadInfoAsync(string path, DiskFormat? format, CancellationToken cancellationToken)
    {
        List<string> arguments = ["info", "--output=json"];
        if (format is { } known)
        {
            arguments.AddRange(["-f", QemuImgFormats.NameOf(known)]);
        }

        arguments.Add(path);
        var output = new StringBuilder();
        await RunAsync(arguments, path, chunk => output.Append(chunk), cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(output.ToString());
            var root = json.RootElement;
            var formatName = root.GetProperty("format").GetString() ?? "";
            string? subformat = null;
            if (root.TryGetProperty("format-specific", out var specific)
                && specific.TryGetProperty("data", out var data)
                && data.TryGetProperty("create-type", out var createType))
            {
                subformat = createType.GetString();
            }

            return new DiskImageInfo
            {
                Path = path,
                FormatName = formatName,
                Format = QemuImgFormats.FromName(formatName),
                VirtualSizeBytes = root.GetProperty("virtual-size").GetInt64(),
                ActualSizeBytes = root.TryGetProperty("actual-size", out var actual) ? actual.GetInt64() : 0,
                BackingFile = root.TryGetProperty("backing-filename", out var backing) ? backing.GetString() : null,
                Subformat = subformat,
            };
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new QemuImgException($"qemu-img info for {path} printed something that is not the expected JSON.", exception);
        }
    }

    /// <summary>Runs qemu-img to the end; stdout goes to <paramref name="onOutput"/> as it arrives, stderr into the error.</summary>
    private async Task RunAsync(IReadOnlyList<string> arguments, string subject, Action<string> onOutput, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var startInfo = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new QemuImgException(
                $"qemu-img could not be started from '{Executable}' ({exception.Message}). Install the Debian package qemu-utils " +
                $"(apt-get install qemu-utils) or set {QemuImgOptions.SectionName}:Path to the qemu-img executable.", exception);
        }

        var verb = arguments[0];
        var stdout = PumpAsync(process.StandardOutput, onOutput);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Killing is what cancels: qemu-img would otherwise go on writing a file nobody wants.
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the cancellation and the kill.
            }

            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(stdout, stderr);
            LogCancelled(verb, subject);
            throw;
        }

        await stdout;
        var errors = (await stderr).Trim();
        if (process.ExitCode != 0)
        {
            throw new QemuImgException($"qemu-img {verb} failed for {subject} (exit code {process.ExitCode}): {(errors.Length == 0 ? "no message" : errors)}");
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onOutput)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            onOutput(new string(buffer, 0, read));
        }
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        // Opened for writing only so that Flush(true) can fsync: the rename that follows must not expose a file
        // whose blocks are still in the page cache when the host loses power.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, HashBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        stream.Flush(flushToDisk: true);
        return Convert.ToHexStringLower(hash);
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException exception)
        {
            LogLeftover(path, exception.Message);
        }
        catch (UnauthorizedAccessException exception)
        {
            LogLeftover(path, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Converting {Source} ({SourceFormat}) to {Target} ({TargetFormat})")]
    private partial void LogConverting(string source, string sourceFormat, string target, string targetFormat);

    [LoggerMessage(Level = LogLevel.Information, Message = "Converted {Target} ({TargetFormat}) in {Seconds:F1} s")]
    private partial void LogConverted(string target, string targetFormat, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Target} already holds the {TargetFormat} conversion; not converting again")]
    private partial void LogAlreadyConverted(string target, string targetFormat);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Target} exists but is not the expected image ({ExistingFormat}); replacing it")]
    private partial void LogReplacing(string target, string existingFormat);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Target} exists but qemu-img cannot read it: {Reason}")]
    private partial void LogUnreadableTarget(string target, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "qemu-img {Verb} of {Subject} cancelled; the process was killed")]
    private partial void LogCancelled(string verb, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the partial file {Path}: {Reason}")]
    private partial void LogLeftover(string path, string reason);
}
