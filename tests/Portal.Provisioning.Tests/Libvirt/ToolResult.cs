namespace Portal.Provisioning.Tests.Libvirt;

/// <summary>What a command-line tool printed and how it exited.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
