namespace Portal.Web.Leases;

/// <summary>An extension put to an approver: the lease as it stands (the end unchanged, the extension pending) and the workflow deciding it.</summary>
public sealed record LeaseExtensionStartedView(string InstanceId, LeaseView Lease);
