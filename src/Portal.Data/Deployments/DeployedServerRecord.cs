using Portal.Domain.Deployments;

namespace Portal.Data.Deployments;

public sealed class DeployedServerRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Owner { get; set; } = "";

    public Guid DeploymentId { get; set; }

    public ServerStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string Document { get; set; } = "";
}
