using System.Diagnostics;
using System.Reflection;

namespace Portal.Bench.Profiling;

/// <summary>
/// Wraps a store interface and times each call to completion (awaiting its task), so the engine's time
/// splits into store calls and the rest without touching the engine. DispatchProxy needs an unsealed class.
/// </summary>
public class TimedProxy<T> : DispatchProxy where T : class
{
    private T target = null!;
    private Sections sections = null!;
    private string prefix = "";

    public static T Wrap(T target, Sections sections, string prefix)
    {
        var proxy = Create<T, TimedProxy<T>>();
        var timed = (TimedProxy<T>)(object)proxy;
        timed.target = target;
        timed.sections = sections;
        timed.prefix = prefix;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var started = Stopwatch.GetTimestamp();
        var section = $"{prefix}.{targetMethod.Name}";
        object? result;
        try
        {
            result = targetMethod.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            sections.Add(section, Stopwatch.GetElapsedTime(started));
            throw e.InnerException;
        }

        if (result is Task task)
        {
            task.ContinueWith(_ => sections.Add(section, Stopwatch.GetElapsedTime(started)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            sections.Add(section, Stopwatch.GetElapsedTime(started));
        }

        return result;
    }
}
