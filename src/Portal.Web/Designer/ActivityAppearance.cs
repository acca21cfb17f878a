using MudBlazor;
using Portal.Workflows.Activities;

namespace Portal.Web.Designer;

/// <summary>
/// How an activity looks on the canvas and in the palette: an icon for its type and a colour for its category.
/// Descriptors carry neither (the engine has no UI), so an activity type nobody listed here gets its category's
/// icon, and a category nobody listed gets a colour of its own from a fixed set — a new activity still looks right.
/// </summary>
public static class ActivityAppearance
{
    private static readonly Dictionary<string, string> TypeIcons = new(StringComparer.Ordinal)
    {
        ["Start"] = Icons.Material.Filled.PlayCircle,
        ["End"] = Icons.Material.Filled.StopCircle,
        ["Decision"] = Icons.Material.Filled.CallSplit,
        ["Switch"] = Icons.Material.Filled.AltRoute,
        ["Fork"] = Icons.Material.Filled.ForkRight,
        ["Join"] = Icons.Material.Filled.MergeType,
        ["Delay"] = Icons.Material.Filled.Timer,
        ["WaitForSignal"] = Icons.Material.Filled.NotificationsActive,
        ["UserTask"] = Icons.Material.Filled.HowToReg,
        ["SetVariable"] = Icons.Material.Filled.DataObject,
        ["Log"] = Icons.Material.Filled.Notes,
        ["Fault"] = Icons.Material.Filled.Report,
        ["RunWorkflow"] = Icons.Material.Filled.AccountTree,
        ["AllocateHardware"] = Icons.Material.Filled.Memory,
        ["CaptureImage"] = Icons.Material.Filled.PhotoCamera,
        ["ConfigureSoftware"] = Icons.Material.Filled.SettingsSuggest,
        ["ConvertImage"] = Icons.Material.Filled.Transform,
        ["CreateDeployment"] = Icons.Material.Filled.NoteAdd,
        ["CreateVirtualMachine"] = Icons.Material.Filled.Computer,
        ["DecommissionServer"] = Icons.Material.Filled.DeleteForever,
        ["DeployImageToPhysical"] = Icons.Material.Filled.Dns,
        ["DeployImageToVirtual"] = Icons.Material.Filled.CloudUpload,
        ["FinishDeployment"] = Icons.Material.Filled.Flag,
        ["PowerOff"] = Icons.Material.Filled.PowerOff,
        ["PowerOn"] = Icons.Material.Filled.PowerSettingsNew,
        ["ReleaseHardware"] = Icons.Material.Filled.LayersClear,
        ["UpdateRequest"] = Icons.Material.Filled.AssignmentTurnedIn,
        ["WaitForDeploymentCallback"] = Icons.Material.Filled.HourglassTop,
    };

    private static readonly Dictionary<string, (string Icon, string Color)> Categories = new(StringComparer.Ordinal)
    {
        ["Flow"] = (Icons.Material.Filled.AccountTree, "#5c6bc0"),
        ["Primitives"] = (Icons.Material.Filled.Code, "#546e7a"),
        ["Timers"] = (Icons.Material.Filled.Schedule, "#ef6c00"),
        ["Events"] = (Icons.Material.Filled.Bolt, "#8e24aa"),
        ["Human"] = (Icons.Material.Filled.Person, "#00897b"),
        ["Composition"] = (Icons.Material.Filled.AccountTree, "#6d4c41"),
        ["Provisioning"] = (Icons.Material.Filled.Dns, "#1e88e5"),
        ["Requests"] = (Icons.Material.Filled.Assignment, "#43a047"),
    };

    /// <summary>Colours for categories not listed above, picked by a stable hash of the name.</summary>
    private static readonly string[] Spare = ["#d81b60", "#3949ab", "#00acc1", "#7cb342", "#f4511e", "#5e35b1", "#039be5", "#c0ca33"];

    public static string IconFor(ActivityDescriptor? descriptor, string type) =>
        TypeIcons.TryGetValue(type, out var icon) ? icon
        : descriptor is not null && Categories.TryGetValue(descriptor.Category, out var category) ? category.Icon
        : Icons.Material.Filled.Extension;

    /// <summary>The colour of a category; an unknown activity type (no descriptor) is drawn in the error colour.</summary>
    public static string ColorFor(string? category) =>
        category is null ? "#d32f2f"
        : Categories.TryGetValue(category, out var known) ? known.Color
        : Spare[StableHash(category) % Spare.Length];

    private static int StableHash(string text)
    {
        // string.GetHashCode changes per process; a colour should not.
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked(hash * 31 + c);
        }

        return hash & int.MaxValue;
    }
}
