using System.Reflection;

namespace Portal.Workflows.Activities;

/// <summary>
/// The activity types an engine knows, by type name. Built from the activities registered in DI or found
/// in assemblies, so a new activity class appears in the designer's palette and the validator by itself.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, IActivity> byType;

    public ActivityRegistry(IEnumerable<IActivity> activities)
    {
        byType = new Dictionary<string, IActivity>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            if (!byType.TryAdd(activity.Descriptor.Type, activity))
            {
                throw new InvalidOperationException(
                    $"Two activity classes declare the type '{activity.Descriptor.Type}': {byType[activity.Descriptor.Type].GetType().Name} and {activity.GetType().Name}.");
            }
        }
    }

    public IEnumerable<ActivityDescriptor> Descriptors => byType.Values.Select(a => a.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.DisplayName);

    public IActivity? Find(string type) => byType.GetValueOrDefault(type);

    /// <summary>Every concrete <see cref="IActivity"/> with a parameterless constructor in the assemblies.</summary>
    public static IEnumerable<IActivity> Discover(params Assembly[] assemblies) =>
        assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IActivity).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IActivity)Activator.CreateInstance(t)!);

    /// <summary>The engine's own activities: flow, primitives, timers, events and human tasks.</summary>
    public static ActivityRegistry BuiltIn() => new(Discover(typeof(ActivityRegistry).Assembly));
}
