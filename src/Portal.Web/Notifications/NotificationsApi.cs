using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Data.Notifications;
using Portal.Domain.Validation;
using static Portal.Web.Hosting.ProblemResults;

namespace Portal.Web.Notifications;

/// <summary>
/// A person's own notifications: <c>GET /api/notifications</c> (unread first, then newest, paged),
/// <c>POST /api/notifications/{id}/read</c> (someone else's answers like a missing one) and
/// <c>POST /api/notifications/read-all?upTo=</c> (up to the newest one the caller was shown).
/// </summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/notifications").RequireAuthorization().WithTags("Notifications");
        api.MapGet("", ListAsync).WithSummary("Lists the caller's notifications, unread first, then newest, paged");
        api.MapPost("/{id:long}/read", MarkReadAsync).WithSummary("Marks one of the caller's notifications read")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/read-all", MarkAllReadAsync).WithSummary("Marks the caller's notifications read up to the newest one they were shown");
        return endpoints;
    }

    private static async Task<Ok<InboxPage>> ListAsync(
        ClaimsPrincipal user, NotificationStore store, CancellationToken cancellationToken, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await store.ListAsync(user.Identity!.Name!, page, pageSize, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkReadAsync(
        long id, ClaimsPrincipal user, NotificationStore store, NotificationHub hub, CancellationToken cancellationToken)
    {
        var name = user.Identity!.Name!;
        if (!await store.MarkReadAsync(name, id, cancellationToken))
        {
            return NotFound($"There is no notification {id}.");
        }

        hub.Publish([name]);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MarkedRead>, ValidationProblem>> MarkAllReadAsync(
        long? upTo, ClaimsPrincipal user, NotificationStore store, NotificationHub hub, CancellationToken cancellationToken)
    {
        if (upTo is null)
        {
            return Invalid([new ValidationError("upTo", "Say up to which notification (the newest id you were shown) to mark read.")]);
        }

        var name = user.Identity!.Name!;
        var marked = await store.MarkAllReadAsync(name, upTo.Value, cancellationToken);
        hub.Publish([name]);
        return TypedResults.Ok(new MarkedRead(marked));
    }
}
