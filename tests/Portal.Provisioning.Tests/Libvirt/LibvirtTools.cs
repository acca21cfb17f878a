using System.Diagnostics;

namespace Portal.Provisioning.Tests.Libvirt;

/// <summary>
/// Runs the libvirt command-line tools the tests check against. A missing tool fails the test with the package
/// to install: a skipped check would pass a build that was never checked.
/// </summary>
internal static class LibvirtTools
{
    public static ToolResult VirtXmlValidate(string file) =>
        Run("virt-xml-validate", "apt-get install libvirt-clients libxml2-utils", file, "domain");

    /// <summary>One virsh process on a fresh test:///default hypervisor, running the ';'-separated commands in order.</summary>
    public static ToolResult VirshTest(string commands) =>
        Run("virsh", "apt-get install libvirt-clients", "-q", "-c", "test:///default", commands);

    private static ToolResult Run(string tool, string install, params string[] arguments)
    {
        var path = Find(tool) ?? throw new InvalidOperationException($"{tool} is not installed: {install}");
        // virt-xml-validate is a shell script around xmllint, which Debian packages apart (libxml2-utils).
        if (tool == "virt-xml-validate" && Find("xmllint") is null)
        {
            throw new InvalidOperationException($"virt-xml-validate needs xmllint, which is not installed: {install}");
        }

        var start = new ProcessStartInfo(path, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new TimeoutException($"{tool} did not finish within 30 s.");
        }

        return new ToolResult(process.ExitCode, output.Result, error.Result);
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);
}
