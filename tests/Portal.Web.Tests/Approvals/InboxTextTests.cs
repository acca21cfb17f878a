using Portal.Domain.Inventory;
using Portal.Domain.Requests;
using Portal.Web.Approvals.Pages;

namespace Portal.Web.Tests.Approvals;

public sealed class InboxTextTests
{
    private static readonly DateTimeOffset Now = InboxItems.Now;

    [Fact]
    public void A_label_lists_up_to_three_host_names_then_says_how_many_more()
    {
        Assert.Equal("web-01", InboxText.Label(InboxItems.Of("t", "web-01")));
        Assert.Equal("web-01, web-02, web-03", InboxText.Label(InboxItems.Of("t", "web-01", "web-02", "web-03")));
        Assert.Equal("web-01, web-02, web-03 and 2 more", InboxText.Label(InboxItems.Of("t", "web-01", "web-02", "web-03", "web-04", "web-05")));
    }

    [Fact]
    public void A_decided_request_is_named_by_its_one_host_name_or_as_the_request_for_several()
    {
        Assert.Equal("web-01 request", InboxText.Request(InboxItems.Of("t", "web-01")));
        Assert.Equal("the request for web-01, web-02", InboxText.Request(InboxItems.Of("t", "web-01", "web-02")));
    }

    [Fact]
    public void A_request_without_host_names_is_labelled_by_its_image()
    {
        Assert.Equal("Ubuntu 24.04 1.0", InboxText.Label(InboxItems.Of("t")));
    }

    [Fact]
    public void The_size_is_the_whole_request_and_each_server_is_said_for_several()
    {
        var demand = RequestDemand.Of(3, 2, 4096, 20, physical: false);

        Assert.Equal("6 vCPU · 12 GiB memory · 60 GiB disk", InboxText.Size(demand));
        Assert.Equal("2 vCPU · 4 GiB · 20 GiB each", InboxText.EachServer(demand));
        Assert.Null(InboxText.EachServer(RequestDemand.Of(1, 2, 4096, 20, physical: false)));
    }

    [Fact]
    public void Memory_below_a_whole_gibibyte_is_said_in_mebibytes()
    {
        Assert.Equal("1 vCPU · 1536 MiB memory · 10 GiB disk", InboxText.Size(RequestDemand.Of(1, 1, 1536, 10, physical: false)));
    }

    [Theory]
    [InlineData(Placement.Virtual, "KVM Frankfurt", "Virtual machine on KVM Frankfurt")]
    [InlineData(Placement.Virtual, null, "Virtual machine, any virtual platform")]
    [InlineData(Placement.Physical, "Rack A", "Physical server in Rack A")]
    [InlineData(Placement.Physical, null, "Physical server, any bare-metal pool")]
    [InlineData(Placement.Any, null, "Virtual or physical, any platform")]
    public void Where_says_the_placement_and_the_platform_asked_for(Placement placement, string? platform, string expected)
    {
        Assert.Equal(expected, InboxText.Where(InboxItems.Of("t", ["web-01"], placement, platform)));
    }

    [Theory]
    [InlineData(30, "waiting since just now")]
    [InlineData(12 * 60, "waiting 12 min")]
    [InlineData(2 * 3600 + 59 * 60, "waiting 2 h")]
    [InlineData(47 * 3600, "waiting 47 h")]
    [InlineData(3 * 86400 + 3600, "waiting 3 days")]
    public void Waiting_is_rounded_down_as_people_say_it(int secondsAgo, string expected)
    {
        Assert.Equal(expected, InboxText.Waiting(Now.AddSeconds(-secondsAgo), Now));
    }

    [Fact]
    public void Expiry_says_how_long_is_left_and_warns_within_a_day()
    {
        Assert.Equal("expires in 3 days", InboxText.Expires(Now.AddDays(2).AddHours(22), Now));
        Assert.Equal("expires in 2 days", InboxText.Expires(Now.AddDays(2).AddHours(6), Now));
        Assert.Equal("expires in 5 h", InboxText.Expires(Now.AddHours(5.5), Now));
        Assert.StartsWith("expired", InboxText.Expires(Now.AddMinutes(-1), Now), StringComparison.Ordinal);
        Assert.True(InboxText.IsDueSoon(Now.AddHours(5), Now));
        Assert.False(InboxText.IsDueSoon(Now.AddDays(2), Now));
        Assert.False(InboxText.IsDueSoon(null, Now));
    }
}
