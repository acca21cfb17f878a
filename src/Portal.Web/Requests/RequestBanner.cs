using MudBlazor;

namespace Portal.Web.Requests;

/// <summary>What a request's state means for its requester: a title, the reason or detail, and what happens next.</summary>
public sealed record RequestBanner(Severity Severity, string Title, string Detail, string? Next = null);
