using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;

namespace Portal.Bench.Profiling;

/// <summary>Prints where a profiled run's time went, per instance, to standard error.</summary>
public static class ProfileReport
{
    private const int Repeats = 2_000;

    public static void Print(Sections sections, string scenario, int instances, TimeSpan startPhase, TimeSpan total, string pragmas)
    {
        var output = Console.Error;
        output.WriteLine();
        output.WriteLine($"### Profile: {scenario}, {instances} instances, {total.TotalSeconds:F2}s (closed loop, each caller waiting for its instance to complete) [{pragmas}]");
        output.WriteLine("Sections overlap: a store call contains its SQL commands, and calls run concurrently (callers and the worker), so shares add up to more than 100 %.");
        output.WriteLine();
        output.WriteLine("| section | calls | total ms | µs per instance | share of wall time |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (section, calls, time) in sections.Snapshot())
        {
            output.WriteLine($"| {section} | {calls} | {time.TotalMilliseconds:F0} | {time.TotalMicroseconds / instances:F0} | {time / total:P1} |");
        }

        output.WriteLine();
    }

    public static async Task PrintSerializationAsync(PortalDbContext db, WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var json = await db.WorkflowInstances.AsNoTracking().Where(i => i.Status == WorkflowStatus.Completed).Select(i => i.StateJson).FirstAsync(cancellationToken);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General);
        var state = JsonSerializer.Deserialize<WorkflowState>(json, options)!;
        var definitionJson = WorkflowDefinitionJson.Write(definition);
        var read = Time(() => JsonSerializer.Deserialize<WorkflowState>(json, options));
        var write = Time(() => JsonSerializer.Serialize(state, options));
        var parse = Time(() => WorkflowDefinitionJson.Parse(definitionJson));
        Console.Error.WriteLine($"Completed state JSON: {json.Length} chars ({state.Journal.Count} journal entries). Deserialize {read:F1} µs, serialize {write:F1} µs; definition JSON parse {parse:F1} µs ({definitionJson.Length} chars).");
        Console.Error.WriteLine();
    }

    private static double Time(Func<object?> work)
    {
        for (var i = 0; i < 100; i++)
        {
            work();
        }

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Repeats; i++)
        {
            work();
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / Repeats;
    }
}
