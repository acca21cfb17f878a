using Portal.Domain.Requests;
using Portal.Web.Requests;

namespace Portal.Web.Tests.Requests;

public sealed class RequestListFilterTests
{
    [Fact]
    public void A_filter_read_from_the_address_ignores_what_it_does_not_know()
    {
        Assert.Equal(new RequestListFilter { Status = RequestStatus.Rejected, Search = "web" }, RequestListFilter.FromQuery("rejected", "  web ", null));
        Assert.Equal(RequestListFilter.None, RequestListFilter.FromQuery("Sideways", " ", false));
        Assert.Equal(RequestListFilter.None, RequestListFilter.FromQuery("3", null, null));
    }

    [Fact]
    public void A_filter_written_to_the_address_leaves_out_what_is_not_set()
    {
        var parameters = new RequestListFilter { Status = RequestStatus.PendingApproval, Mine = true }.ToQueryParameters();

        Assert.Equal("PendingApproval", parameters[RequestListFilter.StatusKey]);
        Assert.Null(parameters[RequestListFilter.SearchKey]);
        Assert.Equal("true", parameters[RequestListFilter.MineKey]);
    }

    [Fact]
    public void A_requester_always_lists_their_own_requests()
    {
        Assert.Equal("riya@portal.local", RequestListFilter.None.ToQuery("riya@portal.local", seesAll: false, 0, 25, false).RequestedBy);
    }

    [Fact]
    public void An_approver_lists_everyones_unless_they_ask_for_their_own()
    {
        Assert.Null(RequestListFilter.None.ToQuery("kim@portal.local", seesAll: true, 0, 25, false).RequestedBy);
        Assert.Equal("kim@portal.local", (RequestListFilter.None with { Mine = true }).ToQuery("kim@portal.local", seesAll: true, 0, 25, false).RequestedBy);
    }

    [Fact]
    public void A_page_of_the_table_becomes_skip_and_take()
    {
        var query = RequestListFilter.None.ToQuery("riya@portal.local", false, page: 2, pageSize: 25, oldestFirst: true);

        Assert.Equal((50, 25, true), (query.Skip, query.Take, query.OldestFirst));
    }
}
