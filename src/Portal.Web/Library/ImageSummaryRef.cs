using Portal.Domain.Library;

namespace Portal.Web.Library;

/// <summary>What a write on an image answers with: which image, and where it now stands.</summary>
public sealed record ImageSummaryRef(Guid Id, string Name, string Version, ImageLifecycle Lifecycle);
