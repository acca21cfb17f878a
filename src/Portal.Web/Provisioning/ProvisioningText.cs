using System.Globalization;
using MudBlazor;
using Portal.Domain.Deployments;
using Portal.Domain.Inventory;

namespace Portal.Web.Provisioning;

/// <summary>How the provisioning pages name and colour states: the words and colours admins read.</summary>
public static class ProvisioningText
{
    public static Color ServerStateColor(ServerState state) => state switch
    {
        ServerState.Available => Color.Success,
        ServerState.Reserved => Color.Warning,
        ServerState.Deploying => Color.Info,
        ServerState.InUse => Color.Primary,
        ServerState.Maintenance => Color.Default,
        ServerState.Failed => Color.Error,
        _ => Color.Default,
    };

    public static string ServerStateIcon(ServerState state) => state switch
    {
        ServerState.Available => Icons.Material.Filled.CheckCircle,
        ServerState.Reserved => Icons.Material.Filled.Bookmark,
        ServerState.Deploying => Icons.Material.Filled.Downloading,
        ServerState.InUse => Icons.Material.Filled.PlayCircle,
        ServerState.Maintenance => Icons.Material.Filled.Build,
        ServerState.Failed => Icons.Material.Filled.Error,
        _ => Icons.Material.Filled.HelpOutline,
    };

    public static Color DeploymentColor(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Pending => Color.Default,
        DeploymentStatus.Running => Color.Info,
        DeploymentStatus.Completed => Color.Success,
        DeploymentStatus.Failed => Color.Error,
        _ => Color.Default,
    };

    public static string DeploymentIcon(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Pending => Icons.Material.Filled.Schedule,
        DeploymentStatus.Running => Icons.Material.Filled.PlayCircle,
        DeploymentStatus.Completed => Icons.Material.Filled.CheckCircle,
        DeploymentStatus.Failed => Icons.Material.Filled.Error,
        DeploymentStatus.Cancelled => Icons.Material.Filled.Cancel,
        _ => Icons.Material.Filled.HelpOutline,
    };

    public static Color StepColor(StepState state) => state switch
    {
        StepState.Running => Color.Info,
        StepState.Completed => Color.Success,
        StepState.Failed => Color.Error,
        StepState.Skipped => Color.Secondary,
        _ => Color.Default,
    };

    public static string StepIcon(StepState state) => state switch
    {
        StepState.Pending => Icons.Material.Filled.RadioButtonUnchecked,
        StepState.Running => Icons.Material.Filled.Autorenew,
        StepState.Completed => Icons.Material.Filled.CheckCircle,
        StepState.Failed => Icons.Material.Filled.Error,
        StepState.Skipped => Icons.Material.Filled.SkipNext,
        _ => Icons.Material.Filled.HelpOutline,
    };

    public static Color ServerStatusColor(ServerStatus status) => status switch
    {
        ServerStatus.Provisioning => Color.Info,
        ServerStatus.Running => Color.Success,
        ServerStatus.Stopped => Color.Warning,
        ServerStatus.Decommissioning => Color.Warning,
        ServerStatus.Failed => Color.Error,
        _ => Color.Default,
    };

    /// <summary>Deployments that can still change: the pages that show them reload while they do.</summary>
    public static bool IsLive(DeploymentStatus status) => status is DeploymentStatus.Pending or DeploymentStatus.Running;

    /// <summary>Only a running or stopped server can be captured, migrated or decommissioned.</summary>
    public static bool IsActionable(ServerStatus status) => status is ServerStatus.Running or ServerStatus.Stopped;

    /// <summary>"512 GiB", "1.5 TiB": memory and storage given in MiB or GiB, in the largest unit that keeps a small number.</summary>
    public static string MiB(long mebibytes) => GiB(mebibytes / 1024d);

    public static string GiB(double gibibytes) => gibibytes >= 1024
        ? $"{(gibibytes / 1024).ToString("0.#", CultureInfo.InvariantCulture)} TiB"
        : $"{gibibytes.ToString("0.#", CultureInfo.InvariantCulture)} GiB";

    /// <summary>"2 × 960 GiB" when the disks are alike, "960 GiB + 480 GiB" otherwise.</summary>
    public static string Disks(IReadOnlyList<long> disksGiB) => disksGiB.Count switch
    {
        0 => "none",
        _ when disksGiB.Distinct().Count() == 1 => $"{disksGiB.Count} × {GiB(disksGiB[0])}",
        _ => string.Join(" + ", disksGiB.Select(d => GiB(d))),
    };

    /// <summary>A share of a capacity in percent, for progress bars; 0 when there is no capacity.</summary>
    public static double Percent(double used, double capacity) => capacity <= 0 ? 0 : Math.Clamp(used / capacity * 100, 0, 100);
}
