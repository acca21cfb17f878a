using MudBlazor;
using Placement = Portal.Domain.Inventory.Placement;
using Portal.Domain.Deployments;
using Portal.Domain.Inventory;
using Portal.Domain.Requests;
using Portal.Web.Requests;

namespace Portal.Web.Tests.Requests;

public sealed class RequestPageTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 3, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Waiting_says_for_whom_since_when_and_when_it_expires()
    {
        var waiting = new WaitingView("t1", "Approve the server request", ["Approver"], [], Now.AddHours(-4).AddMinutes(2), Now.AddDays(3));

        Assert.Equal("Waiting for an approver since 10:02 UTC (expires in 3 days)", RequestPageText.Waiting(waiting, Now));
    }

    [Fact]
    public void Waiting_past_its_due_time_says_it_is_overdue()
    {
        var waiting = new WaitingView("t1", "Second approval", ["Admin"], [], Now.AddDays(-4), Now.AddHours(-2));

        Assert.Equal("Waiting for an admin since 30 May 14:00 UTC (overdue since 12:00 UTC)", RequestPageText.Waiting(waiting, Now));
    }

    [Theory]
    [InlineData(new[] { "Approver" }, new string[0], "an approver")]
    [InlineData(new[] { "Approver", "Admin" }, new string[0], "an approver or an admin")]
    [InlineData(new[] { "Approver" }, new[] { "kim@portal.local", "lee@portal.local" }, "an approver, kim@portal.local or lee@portal.local")]
    [InlineData(new string[0], new string[0], "anyone")]
    public void Whom_names_roles_with_an_article_and_users_by_name(string[] roles, string[] users, string expected)
    {
        Assert.Equal(expected, RequestPageText.Whom(roles, users));
    }

    [Fact]
    public void Progress_counts_the_steps_and_names_the_current_one()
    {
        var server = Server(DeploymentStatus.Running, 3, 6, "Write the image to the VM's disk");

        Assert.Equal("3 of 6 steps · Write the image to the VM's disk", RequestPageText.Progress(server, RequestStatus.Provisioning));
    }

    [Fact]
    public void Progress_before_approval_says_when_the_server_starts()
    {
        Assert.Equal("Starts once the request is approved", RequestPageText.Progress(Server(DeploymentStatus.Pending, 0, 4, null), RequestStatus.PendingApproval));
        Assert.False(RequestPageText.HasStarted(Server(DeploymentStatus.Pending, 0, 4, null), RequestStatus.PendingApproval));
    }

    [Fact]
    public void Progress_of_a_failed_server_says_how_far_it_got()
    {
        Assert.Equal("Failed after 2 of 4 steps", RequestPageText.Progress(Server(DeploymentStatus.Failed, 2, 4, null), RequestStatus.Failed));
    }

    [Theory]
    [InlineData(1, "web-01")]
    [InlineData(2, "web-01 and web-02")]
    [InlineData(3, "web-01, web-02 and web-03")]
    [InlineData(5, "web-01, web-02, web-03 and 2 more")]
    public void Names_lists_a_few_host_names_and_counts_the_rest(int count, string expected)
    {
        Assert.Equal(expected, RequestPageText.Names(Enumerable.Range(1, count).Select(i => $"web-{i:00}").ToList()));
    }

    [Fact]
    public void Each_and_total_size_read_in_people_units()
    {
        var demand = RequestDemand.Of(3, 2, 4096, 80, physical: false);

        Assert.Equal("2 vCPU · 4 GiB memory · 80 GiB disk", RequestPageText.Each(demand));
        Assert.Equal("6 vCPU · 12 GiB memory · 240 GiB disk", RequestPageText.Total(demand));
    }

    [Theory]
    [InlineData("adminPassword", "Admin password")]
    [InlineData("ntp_server", "NTP server")]
    [InlineData("dns.domain", "DNS domain")]
    public void A_parameter_the_image_no_longer_defines_reads_as_words(string name, string expected)
    {
        Assert.Equal(expected, RequestPageText.ParameterLabel(name, null));
    }

    [Fact]
    public void A_parameter_is_named_by_the_images_label()
    {
        var definition = new Portal.Domain.Library.ConfigurationParameter { Name = "adminPassword", Label = "Administrator password" };

        Assert.Equal("Administrator password", RequestPageText.ParameterLabel("adminPassword", definition));
    }

    [Fact]
    public void Placement_names_the_kind_and_the_platform()
    {
        Assert.Equal("A virtual machine on Lab KVM", RequestPageText.Placement(Placement.Virtual, "Lab KVM"));
        Assert.Equal("A physical server, wherever it fits", RequestPageText.Placement(Placement.Physical, null));
    }

    [Fact]
    public void A_rejection_banner_quotes_the_approvers_comment()
    {
        var request = View(RequestStatus.Rejected, "Rejected by kim@portal.local: Use the shared pool.") with
        {
            Decisions = [new DecisionView("Approve the server request", "kim@portal.local", "Rejected", "Use the shared pool.", Now)],
        };

        var banner = RequestPageText.Banner(request);

        Assert.Equal((Severity.Error, "Rejected by kim@portal.local", "Use the shared pool."), (banner.Severity, banner.Title, banner.Detail));
    }

    [Fact]
    public void A_failure_banner_gives_the_reason_and_what_happens_next()
    {
        var banner = RequestPageText.Banner(View(RequestStatus.Failed, "web-02: No capacity"));

        Assert.Equal("web-02: No capacity", banner.Detail);
        Assert.Contains("An admin can retry", banner.Next, StringComparison.Ordinal);
    }

    [Fact]
    public void The_requester_reads_you_for_their_own_request()
    {
        Assert.Equal("you", RequestPageText.Requester("Riya@portal.local", "riya@portal.local"));
        Assert.Equal("dana@portal.local", RequestPageText.Requester("dana@portal.local", "riya@portal.local"));
    }

    private static RequestServerView Server(DeploymentStatus status, int done, int total, string? current) =>
        new(Guid.NewGuid(), "web-01", status, null, done, total, current, null, null, null, null, null, null, null, false);

    private static RequestView View(RequestStatus status, string? message) => new(
        Guid.NewGuid(), status, Guid.NewGuid(), "Ubuntu 24.04", "riya@portal.local", Placement.Virtual, null,
        new Dictionary<Portal.Domain.Library.ResourceType, decimal>(), new Dictionary<string, string?>(), 1, ["web-01"], "Load tests.", null,
        RequestDemand.Of(1, 2, 4096, 80, false), [], message, Now, Now, null, false, [], [], [], []);
}
