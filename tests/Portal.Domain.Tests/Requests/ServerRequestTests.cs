using Portal.Domain.Requests;

namespace Portal.Domain.Tests.Requests;

public sealed class ServerRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static ServerRequest Request(RequestStatus status) => new()
    {
        Id = Guid.NewGuid(), ImageId = Guid.NewGuid(), ImageName = "Ubuntu 24.04", RequestedBy = "riya@portal.local",
        Justification = "Load tests.", Demand = RequestDemand.Of(1, 4, 8192, 80, false), CreatedAt = Now, Status = status,
    };

    [Theory]
    [InlineData(RequestStatus.PendingApproval, RequestStatus.Approved)]
    [InlineData(RequestStatus.PendingApproval, RequestStatus.Rejected)]
    [InlineData(RequestStatus.PendingApproval, RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Approved, RequestStatus.Provisioning)]
    [InlineData(RequestStatus.Provisioning, RequestStatus.Completed)]
    [InlineData(RequestStatus.Provisioning, RequestStatus.Failed)]
    [InlineData(RequestStatus.Failed, RequestStatus.Completed)]
    public void A_request_moves_forward(RequestStatus from, RequestStatus to)
    {
        var moved = Request(from).MoveTo(to, "why", Now.AddMinutes(1));

        Assert.Equal((to, "why", Now.AddMinutes(1)), (moved.Status, moved.Message, moved.UpdatedAt));
    }

    [Theory]
    [InlineData(RequestStatus.Completed, RequestStatus.Failed)]
    [InlineData(RequestStatus.Rejected, RequestStatus.Approved)]
    [InlineData(RequestStatus.Cancelled, RequestStatus.Provisioning)]
    [InlineData(RequestStatus.Provisioning, RequestStatus.PendingApproval)]
    [InlineData(RequestStatus.Approved, RequestStatus.PendingApproval)]
    public void A_final_or_later_status_is_never_moved_back(RequestStatus from, RequestStatus to)
    {
        var request = Request(from);

        Assert.Same(request, request.MoveTo(to, "late", Now));
    }

    [Fact]
    public void Moving_to_the_same_status_again_keeps_its_message_unless_a_new_one_is_given()
    {
        var rejected = Request(RequestStatus.PendingApproval).MoveTo(RequestStatus.Rejected, "No budget.", Now);

        Assert.Equal("No budget.", rejected.MoveTo(RequestStatus.Rejected, null, Now).Message);
    }

    [Fact]
    public void Only_a_request_waiting_for_approval_can_be_withdrawn()
    {
        Assert.True(Request(RequestStatus.PendingApproval).IsCancellable);
        Assert.False(Request(RequestStatus.Provisioning).IsCancellable);
        Assert.False(Request(RequestStatus.Completed).IsCancellable);
    }

    [Fact]
    public void The_demand_adds_every_server_up()
    {
        var demand = RequestDemand.Of(3, 4, 8192, 80, false);

        Assert.Equal((3, 12, 24576L, 240L), (demand.Servers, demand.Vcpus, demand.MemoryMiB, demand.DiskGiB));
    }
}
