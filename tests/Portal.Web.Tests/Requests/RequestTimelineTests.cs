using System.Text.Json.Nodes;
using Portal.Domain.Requests;
using Portal.Provisioning.Approvals;
using Portal.Web.Requests;
using Portal.Workflows.Definitions;
using Portal.Workflows.Runtime;

namespace Portal.Web.Tests.Requests;

/// <summary>The request timeline reads as sentences: who asked, who decided what and why, what each server went through.</summary>
public sealed class RequestTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid DeploymentId = Guid.NewGuid();

    private static ServerRequest Request(RequestStatus status = RequestStatus.Provisioning, string? message = null) => new()
    {
        Id = Guid.NewGuid(), ImageId = Guid.NewGuid(), ImageName = "Ubuntu 24.04 LTS server 2026.09", RequestedBy = "riya@portal.local",
        Justification = "Load tests.", Demand = RequestDemand.Of(1, 4, 8192, 80, false), CreatedAt = T0, UpdatedAt = T0.AddMinutes(9), Status = status, Message = message,
        Hostnames = ["web-01"], DeploymentIds = [DeploymentId],
    };

    private static readonly WorkflowDefinition Provisioning = new()
    {
        Id = "server-provisioning", Name = "Server provisioning",
        Activities =
        [
            new() { Id = "start", Type = "Start" },
            new() { Id = "approval", Type = "UserTask", Name = "Approve the request" },
            new() { Id = "approved", Type = "UpdateRequest", Name = "Approved" },
            new() { Id = "deploy", Type = "RunWorkflow", Name = "Deploy every server" },
        ],
    };

    private static readonly WorkflowDefinition Deployment = new()
    {
        Id = "server-deployment", Name = "Server deployment",
        Activities =
        [
            new() { Id = "allocate", Type = "AllocateHardware", Name = "Allocate hardware" },
            new() { Id = "route", Type = "Decision", Name = "Virtual?" },
            new() { Id = "createVm", Type = "CreateVirtualMachine", Name = "Create VM" },
        ],
    };

    private static JournalEntry Entry(string activity, string type, int minute, JournalEvent what, string? outcome = "Done", JsonObject? inputs = null, string? error = null) =>
        new($"x{minute}", activity, type, T0.AddMinutes(minute), TimeSpan.Zero, what, outcome, inputs, error);

    private static WorkflowState Parent() => new()
    {
        InstanceId = "p", DefinitionId = "server-provisioning", DefinitionVersion = 2,
        Journal =
        [
            Entry("start", "Start", 0, JournalEvent.Completed),
            Entry("approval", "UserTask", 0, JournalEvent.Suspended, null, new JsonObject { ["title"] = "Approve the server request", ["roles"] = new JsonArray("Approver") }),
            Entry("approval", "UserTask", 5, JournalEvent.Resumed, "Approved"),
            Entry("approved", "UpdateRequest", 5, JournalEvent.Completed, "Done", new JsonObject { ["status"] = "Approved" }),
            Entry("deploy", "RunWorkflow", 5, JournalEvent.Suspended, null),
        ],
    };

    private static WorkflowState Child() => new()
    {
        InstanceId = "c", DefinitionId = "server-deployment", DefinitionVersion = 1,
        Inputs = new JsonObject { ["deploymentId"] = DeploymentId.ToString() },
        Journal =
        [
            Entry("allocate", "AllocateHardware", 6, JournalEvent.Completed),
            Entry("route", "Decision", 6, JournalEvent.Completed, "True"),
            Entry("createVm", "CreateVirtualMachine", 7, JournalEvent.Faulted, null, error: "libvirt said no"),
        ],
    };

    private static IReadOnlyList<TimelineEntry> Build(ServerRequest request, params TaskDecision[] decisions) =>
        RequestTimeline.Build(request, decisions, [(Parent(), Provisioning), (Child(), Deployment)], id => id == DeploymentId ? "web-01" : null);

    private static TaskDecision Decision(string outcome, string? comment) => new()
    {
        Slot = "t", TaskId = "t", InstanceId = "p", Task = "Approve the server request", User = "alex@portal.local", Outcome = outcome, Comment = comment,
        DecidedAt = T0.AddMinutes(5),
    };

    [Fact]
    public void It_reads_in_order_from_the_request_to_each_servers_steps()
    {
        var texts = Build(Request(), Decision("Approved", "Go ahead")).Select(e => e.Text).ToList();

        Assert.Equal(
        [
            "Requested by riya@portal.local: 1 × Ubuntu 24.04 LTS server 2026.09",
            "Waiting for an approver to decide: Approve the server request",
            "Approved by alex@portal.local: “Go ahead”",
            "Approved: the servers will be deployed",
            "web-01: Allocate hardware",
            "web-01: Create VM failed: libvirt said no",
        ], texts);
    }

    [Fact]
    public void Plumbing_never_shows_and_failures_are_marked_as_such()
    {
        var timeline = Build(Request());

        Assert.DoesNotContain(timeline, e => e.Text.Contains("Virtual?", StringComparison.Ordinal) || e.Text.Contains("Start", StringComparison.Ordinal));
        Assert.Equal(TimelineKind.Failed, timeline.Single(e => e.Text.Contains("libvirt", StringComparison.Ordinal)).Kind);
        Assert.Equal("web-01", timeline.Last().Server);
    }

    [Fact]
    public void A_rejection_shows_who_and_why()
    {
        var rejected = Build(Request(RequestStatus.Rejected, "Rejected by alex@portal.local: not this quarter"), Decision("Rejected", "not this quarter"));

        Assert.Single(rejected, e => e.Text == "Rejected by alex@portal.local: “not this quarter”" && e.Kind == TimelineKind.Rejected);
        Assert.Equal("Closed: nothing is built and the host names are free again", rejected.Last().Text);
    }

    [Fact]
    public void How_a_request_ended_comes_from_the_request_even_before_its_workflow_journal_says_so()
    {
        // The parent's journal here stops at "Deploy every server": the step that finished the request is not stored yet.
        var completed = Build(Request(RequestStatus.Completed));
        var withdrawn = Build(Request(RequestStatus.Cancelled, "Withdrawn by riya@portal.local."));

        Assert.Equal(("Completed: the server is up", TimelineKind.Done), (completed.Last().Text, completed.Last().Kind));
        Assert.Equal("Cancelled: Withdrawn by riya@portal.local.", withdrawn.Last().Text);
    }
}
