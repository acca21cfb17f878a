using Microsoft.Extensions.Logging;

namespace Portal.Workflows.Activities.BuiltIn;

/// <summary>Writes a message to the portal's log and the instance's journal.</summary>
public sealed partial class LogActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Log", Category = "Primitives", DisplayName = "Log",
        Inputs =
        [
            new("message", "string", Required: true, UiHint: "multiline"),
            new("level", "string", Description: "Information (default), Warning or Error.", Default: "Information"),
        ],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var message = context.InputString("message") ?? "";
        var level = Enum.TryParse<LogLevel>(context.InputString("level"), ignoreCase: true, out var parsed) ? parsed : LogLevel.Information;
        WriteLog(context.Logger, level, context.InstanceId, context.Node.Id, message);
        return ValueTask.FromResult(ActivityResult.Complete(output: message));
    }

    [LoggerMessage(Message = "Workflow {InstanceId} activity {ActivityId}: {Message}")]
    private static partial void WriteLog(ILogger logger, LogLevel level, string instanceId, string activityId, string message);
}
