namespace Portal.Web.Designer;

/// <summary>How many instances of one workflow are running, suspended (waiting) and faulted.</summary>
public sealed record InstanceCount(int Running, int Suspended, int Faulted)
{
    public static readonly InstanceCount None = new(0, 0, 0);
}
