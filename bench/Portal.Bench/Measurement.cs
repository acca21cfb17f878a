namespace Portal.Bench;

/// <summary>One number one engine produced: the median of a process's runs, or the pooled median.</summary>
public sealed record Measurement(string Engine, string Metric, double Value)
{
    public const string Ours = "ours";

    public const string WorkflowCore = "wfc";
}
