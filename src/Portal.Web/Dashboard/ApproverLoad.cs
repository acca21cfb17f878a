namespace Portal.Web.Dashboard;

/// <summary>How many decisions wait for one approver, and since when the oldest waits.</summary>
public sealed record ApproverLoad(string Approver, string DisplayName, int Pending, DateTimeOffset OldestSince);
