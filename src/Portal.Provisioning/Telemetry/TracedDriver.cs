using System.Diagnostics;
using System.Reflection;

namespace Portal.Provisioning.Telemetry;

/// <summary>
/// A driver interface whose calls each open a span that closes when the call's task does (with its error, if any).
/// DispatchProxy needs an unsealed class with a public parameterless constructor.
/// </summary>
public class TracedDriver<T> : DispatchProxy where T : class
{
    private T inner = null!;
    private DriverSpanTags tags = null!;

    internal static T Wrap(T driver, DriverSpanTags tags)
    {
        var proxy = Create<T, TracedDriver<T>>();
        var traced = (TracedDriver<T>)(object)proxy;
        traced.inner = driver;
        traced.tags = tags;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var caller = Activity.Current;
        var span = DriverTracing.Source.StartActivity($"{typeof(T).Name}.{targetMethod.Name}", ActivityKind.Client);
        span?.SetTag("portal.platform", tags.Platform);
        span?.SetTag("portal.driver", tags.Driver);
        object? result;
        try
        {
            result = targetMethod.Invoke(inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            Activity.Current = caller;
            End(span, e.InnerException);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }

        // The call's own flow keeps the span; the caller's goes on under its own (this method is not async).
        Activity.Current = caller;
        if (span is null)
        {
            return result;
        }

        if (result is Task task)
        {
            // The span ends with the call, not when the proxy returns its task.
            task.ContinueWith(t => End(span, t.Exception?.GetBaseException()), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            End(span, null);
        }

        return result;
    }

    private static void End(Activity? span, Exception? error)
    {
        if (span is null)
        {
            return;
        }

        if (error is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, error.Message);
            span.SetTag("error.type", error.GetType().FullName);
        }

        span.Dispose();
    }
}
