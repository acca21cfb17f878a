using System.ComponentModel;
using System.Diagnostics;

namespace Portal.Provisioning.Configuration;

/// <summary>
/// Writes a machine's generated configuration as an ISO 9660 image (Rock Ridge and Joliet names) carrying the
/// volume label its OS looks for, e.g. cloud-init's NoCloud "cidata": the medium a VM gets as a CD-ROM.
/// The image is made by xorriso (Debian package xorriso), or genisoimage where only that is installed; both read the
/// same mkisofs arguments. Nobody else can read the image: it holds the password hash.
/// </summary>
public sealed class SeedImageWriter
{
    private static readonly string[] Tools = ["xorriso", "genisoimage"];

    /// <summary>
    /// Writes the files into <paramref name="stagingFolder"/> (created, readable only by the portal's user) and the
    /// image to <paramref name="isoPath"/>, which appears only once complete. Writing again replaces both.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither tool is installed, or the tool failed; the message says which and why.</exception>
    public async Task WriteAsync(GeneratedConfiguration configuration, string stagingFolder, string isoPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Directory.CreateDirectory(stagingFolder);
        foreach (var stale in Directory.GetFiles(stagingFolder))
        {
            File.Delete(stale);
        }

        foreach (var file in configuration.Files)
        {
            var path = Path.Combine(stagingFolder, file.Name);
            await File.WriteAllBytesAsync(path, file.ToBytes(), cancellationToken);
            OwnerOnly(path);
        }

        var temporary = isoPath + ".writing";
        File.Delete(temporary);
        var tool = Tools.Select(Find).FirstOrDefault(p => p is not null)
            ?? throw new InvalidOperationException("Neither xorriso nor genisoimage is installed, so the configuration seed cannot be made: apt-get install xorriso.");
        List<string> arguments = Path.GetFileName(tool) == "xorriso" ? ["-as", "mkisofs"] : [];
        arguments.AddRange(["-quiet", "-joliet", "-rock", "-output", temporary]);
        if (configuration.VolumeLabel is { } label)
        {
            arguments.AddRange(["-volid", label]);
        }

        arguments.Add(stagingFolder);
        await RunAsync(tool, arguments, cancellationToken);
        OwnerOnly(temporary);
        File.Move(temporary, isoPath, overwrite: true);
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);

    private static async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"{tool} could not be started: {exception.Message}", exception);
        }

        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} failed (exit code {process.ExitCode}): {(await errors).Trim()} {(await output).Trim()}".Trim());
        }
    }

    private static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
