using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Conversion;

namespace Portal.Provisioning.Tests.Conversion;

/// <summary>
/// The real qemu-img and ways to make small test images. A missing qemu-img fails every test that needs it
/// with the command that installs it: a skipped conversion test would hide that nothing was checked.
/// </summary>
internal static class QemuImgFixture
{
    public const long ImageSize = 8 * 1024 * 1024;

    private static readonly Lazy<string?> Missing = new(FindProblem);

    public static QemuImg Create(string path = "qemu-img")
    {
        if (path == "qemu-img" && Missing.Value is { } problem)
        {
            Assert.Fail(problem);
        }

        return new QemuImg(Options.Create(new QemuImgOptions { Path = path }), NullLogger<QemuImg>.Instance);
    }

    /// <summary>
    /// A raw disk of <see cref="ImageSize"/> bytes, mostly zeros (as real disks are, which exercises every
    /// format's sparse handling), with a seeded random block and marker bytes at offsets that straddle clusters.
    /// </summary>
    public static byte[] WriteRawImage(string path)
    {
        var bytes = new byte[ImageSize];
        new Random(20240611).NextBytes(bytes.AsSpan(3 * 1024 * 1024, 64 * 1024));
        foreach (var offset in new long[] { 0, 511, 65_535, 65_536, 1_048_576 + 123, 4 * 1024 * 1024, ImageSize - 1 })
        {
            bytes[offset] = (byte)(0xA5 ^ (offset & 0xFF));
        }

        File.WriteAllBytes(path, bytes);
        return bytes;
    }

    /// <summary>Runs qemu-img directly, for arranging images the class under test must then handle.</summary>
    public static void Run(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("qemu-img") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"qemu-img {string.Join(' ', arguments)} failed while arranging the test: {errors}");
    }

    private static string? FindProblem()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, "qemu-img")));
        return onPath ? null : "qemu-img is not installed: these tests run the real tool. Install it with `apt-get install qemu-utils`.";
    }
}
