namespace Portal.Testing;

/// <summary>What a command-line tool printed and how it exited.</summary>
public sealed record ToolOutput(int ExitCode, string Output, string Error);
