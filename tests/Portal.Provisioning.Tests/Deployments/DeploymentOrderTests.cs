using Portal.Domain.Library;
using Portal.Provisioning.Deployments;

namespace Portal.Provisioning.Tests.Deployments;

public sealed class DeploymentOrderTests
{
    [Fact]
    public void An_order_prints_its_parameter_names_never_their_values()
    {
        var order = new DeploymentOrder
        {
            ImageId = Guid.NewGuid(), RequestedBy = "admin@portal.local",
            Parameters = new Dictionary<string, string?> { ["hostname"] = "web01", ["adminPassword"] = "Correct-Horse-42" },
        };

        Assert.Contains("adminPassword", order.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Correct-Horse-42", order.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Correct-Horse-42", new DeploymentRequest { Parameters = order.Parameters }.ToString(), StringComparison.Ordinal);
    }
}
