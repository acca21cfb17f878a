namespace Portal.Web.Tests.Security;

/// <summary>
/// Every API endpoint and every routable page of the portal, with what each role gets. The test enumerates the
/// app's own endpoint data source: an endpoint without a row here fails it, and so does a row for an endpoint that
/// no longer exists.
/// </summary>
/// <remarks>
/// Columns, in order: anonymous, requester, other requester, approver (the demo approver, also a requester),
/// approver only, admin. Tokens: a status code; <c>signin</c> (302 to /Account/Login); <c>denied</c> (302 to
/// /Account/AccessDenied); <c>hidden</c> (a page answering 200 or 404 without the resource's marker).
/// Placeholders in paths and markers: {image} a published image, {request} a request of requester@portal.local
/// waiting for approval, {withdrawn} one they withdrew, {task} the approval task of {request}, {deployment} a
/// deployment of {request}, {instance} the workflow instance of {request}, {workflow} a shipped workflow id,
/// {requestHost} the hostname of {request} (shown only to those who may see it), {missing} a random id nothing has.
/// Reads are GETs; a state-changing call sends a body or an id that is refused after the authorization decision
/// (400, 404, 409 for a role that may call it), so running the matrix changes nothing. A body that starts with "{"
/// goes as JSON, any other as a form.
/// </remarks>
public static class AuthorizationMatrixTable
{
    private const string AdminOnlyApi = "401 403 403 403 403";
    private const string AdminOnlyPage = "signin denied denied denied denied";
    private const string SignedInApi = "401";

    public static IReadOnlyList<AuthorizationMatrixRow> Rows { get; } =
    [
        // Library: every signed-in user reads the catalog; admins change it.
        Row("GET /api/images", "/api/images", $"{SignedInApi} 200 200 200 200 200"),
        Row("GET /api/images/{id:guid}", "/api/images/{image}", $"{SignedInApi} 200 200 200 200 200"),
        Row("GET /api/images/{id:guid}/compatibility", "/api/images/{image}/compatibility", $"{SignedInApi} 200 200 200 200 200"),
        Row("GET /api/images/{id:guid}/ovf", "/api/images/{image}/ovf", $"{SignedInApi} 200 200 200 200 200"),
        Row("POST /api/images/{id:guid}/plan", "/api/images/{image}/plan", $"{SignedInApi} 400 400 400 400 400"),
        Row("GET /api/platforms", "/api/platforms", $"{SignedInApi} 200 200 200 200 200"),
        Row("GET /api/platforms/{id:guid}", "/api/platforms/{missing}", $"{AdminOnlyApi} 404"),
        Row("POST /api/platforms", "/api/platforms", $"{AdminOnlyApi} 400"),
        Row("PUT /api/platforms/{id:guid}", "/api/platforms/{missing}", $"{AdminOnlyApi} 404"),
        Row("POST /api/platforms/{id:guid}/test-connection", "/api/platforms/{missing}/test-connection", $"{AdminOnlyApi} 404"),
        Row("POST /api/images", "/api/images", $"{AdminOnlyApi} 400"),
        Row("POST /api/images/import/ovf", "/api/images/import/ovf", $"{AdminOnlyApi} 400"),
        Row("POST /api/images/{id:guid}/publish", "/api/images/{missing}/publish", $"{AdminOnlyApi} 404"),
        Row("POST /api/images/{id:guid}/deprecate", "/api/images/{missing}/deprecate", $"{AdminOnlyApi} 404"),
        Row("POST /api/images/{id:guid}/retire", "/api/images/{missing}/retire", $"{AdminOnlyApi} 404"),
        Row("PUT /api/images/{id:guid}/artifacts/{artifactId:guid}/content", "/api/images/{missing}/artifacts/{missing}/content", $"{AdminOnlyApi} 404"),

        // Provisioning: a user sees their own deployments and servers; another's answers like a missing one.
        Row("GET /api/deployments", "/api/deployments", $"{SignedInApi} 200 hidden hidden hidden 200", marker: "{deployment}"),
        Row("GET /api/deployments/{id:guid}", "/api/deployments/{deployment}", $"{SignedInApi} 200 404 404 404 200"),
        Row("GET /api/servers", "/api/servers", $"{SignedInApi} 200 200 200 200 200"),
        Row("POST /api/servers/{id:guid}/decommission", "/api/servers/{missing}/decommission", $"{SignedInApi} 404 404 404 404 404"),
        Row("POST /api/servers/{id:guid}/capture", "/api/servers/{missing}/capture", $"{SignedInApi} 404 404 404 404 404"),
        Row("POST /api/servers/{id:guid}/migrate", "/api/servers/{missing}/migrate", $"{SignedInApi} 404 404 404 404 404"),
        Row("POST /api/servers/{id:guid}/initial-password", "/api/servers/{missing}/initial-password", $"{SignedInApi} 404 404 404 404 404"),
        Row("GET /api/servers/{id:guid}/console", "/api/servers/{missing}/console", $"{SignedInApi} 404 404 404 404 404"),
        Row("GET /api/inventory/servers", "/api/inventory/servers", $"{AdminOnlyApi} 200"),
        Row("GET /api/inventory/hosts", "/api/inventory/hosts", $"{AdminOnlyApi} 200"),
        Row("POST /api/inventory/servers/{id:guid}/maintenance", "/api/inventory/servers/{missing}/maintenance", $"{AdminOnlyApi} 404"),
        Row("DELETE /api/inventory/servers/{id:guid}/maintenance", "/api/inventory/servers/{missing}/maintenance", $"{AdminOnlyApi} 404"),
        Row("POST /api/inventory/hosts/{id:guid}/maintenance", "/api/inventory/hosts/{missing}/maintenance", $"{AdminOnlyApi} 404"),
        Row("DELETE /api/inventory/hosts/{id:guid}/maintenance", "/api/inventory/hosts/{missing}/maintenance", $"{AdminOnlyApi} 404"),
        Row("POST /api/inventory/servers", "/api/inventory/servers", $"{AdminOnlyApi} 400"),
        Row("PUT /api/inventory/servers/{id:guid}", "/api/inventory/servers/{missing}", $"{AdminOnlyApi} 404"),
        Row("DELETE /api/inventory/servers/{id:guid}", "/api/inventory/servers/{missing}", $"{AdminOnlyApi} 404"),
        Row("POST /api/inventory/hosts", "/api/inventory/hosts", $"{AdminOnlyApi} 400"),
        Row("PUT /api/inventory/hosts/{id:guid}", "/api/inventory/hosts/{missing}", $"{AdminOnlyApi} 404"),
        Row("DELETE /api/inventory/hosts/{id:guid}", "/api/inventory/hosts/{missing}", $"{AdminOnlyApi} 404"),
        Row("POST /api/deployments", "/api/deployments", $"{AdminOnlyApi} 400"),
        Row("POST /api/deployments/{id:guid}/retry", "/api/deployments/{missing}/retry", $"{AdminOnlyApi} 404"),
        Row("POST /api/deployments/{id:guid}/cancel", "/api/deployments/{missing}/cancel", $"{AdminOnlyApi} 404"),

        // Boot endpoints: for machines; the token in the URL is the credential, so no session is needed and none helps.
        Row("GET /api/boot/{token}/script", "/api/boot/not-a-token/script", "404 404 404 404 404 404"),
        Row("GET /api/boot/{token}/image", "/api/boot/not-a-token/image", "404 404 404 404 404 404"),
        Row("POST /api/boot/{token}/callback", "/api/boot/not-a-token/callback", "404 404 404 404 404 404"),

        // Requests: requesters and admins submit; the owner reads and withdraws; approvers and admins read all.
        Row("POST /api/requests", "/api/requests", $"{SignedInApi} 400 400 400 403 400"),
        Row("POST /api/requests/preview", "/api/requests/preview", $"{SignedInApi} 400 400 400 403 400"),
        Row("GET /api/requests", "/api/requests", $"{SignedInApi} 200 hidden 200 200 200", marker: "{requestHost}"),
        Row("GET /api/requests/{id:guid}", "/api/requests/{request}", $"{SignedInApi} 200 404 200 200 200", marker: "{requestHost}"),
        Row("POST /api/requests/{id:guid}/cancel", "/api/requests/{withdrawn}/cancel", $"{SignedInApi} 409 404 403 403 409"),

        // Approvals: the inbox is per user; deciding is for whoever the task names (approvers here; an admin only when a
        // task names admins), never on one's own request (403 to its requester, who sees the task on the request's page).
        // The outcome "Maybe" is refused (400) once the caller may decide, so nothing is decided.
        Row("GET /api/tasks", "/api/tasks", $"{SignedInApi} hidden hidden 200 200 hidden", marker: "{task}"),
        Row("POST /api/tasks/{id}/complete", "/api/tasks/{task}/complete", $"{SignedInApi} 403 404 400 400 404", body: """{"outcome":"Maybe"}"""),

        // Workflows: admins only. A workflow or instance that does not exist is a validation problem (400) on changes.
        Row("GET /api/workflows", "/api/workflows", $"{AdminOnlyApi} 200"),
        Row("POST /api/workflows", "/api/workflows", $"{AdminOnlyApi} 400"),
        Row("GET /api/workflows/{id}", "/api/workflows/{workflow}", $"{AdminOnlyApi} 200"),
        Row("GET /api/workflows/{id}/versions", "/api/workflows/{workflow}/versions", $"{AdminOnlyApi} 200"),
        Row("GET /api/workflows/{id}/versions/{version:int}", "/api/workflows/{workflow}/versions/1", $"{AdminOnlyApi} 200"),
        Row("GET /api/workflows/{id}/versions/{version:int}/bpmn", "/api/workflows/{workflow}/versions/1/bpmn", $"{AdminOnlyApi} 200"),
        Row("POST /api/workflows/{id}/versions/{version:int}/revert", "/api/workflows/no-such-workflow/versions/1/revert", $"{AdminOnlyApi} 400"),
        Row("PUT /api/workflows/{id}/draft", "/api/workflows/no-such-workflow/draft", $"{AdminOnlyApi} 400"),
        Row("DELETE /api/workflows/{id}/draft", "/api/workflows/no-such-workflow/draft", $"{AdminOnlyApi} 400"),
        Row("POST /api/workflows/{id}/publish", "/api/workflows/no-such-workflow/publish", $"{AdminOnlyApi} 400"),
        Row("POST /api/workflows/{id}/duplicate", "/api/workflows/no-such-workflow/duplicate", $"{AdminOnlyApi} 400"),
        Row("POST /api/workflows/import/elsa", "/api/workflows/import/elsa", $"{AdminOnlyApi} 400"),
        Row("POST /api/workflows/{id}/instances", "/api/workflows/no-such-workflow/instances", $"{AdminOnlyApi} 400"),
        Row("GET /api/workflow-instances", "/api/workflow-instances", $"{AdminOnlyApi} 200"),
        Row("GET /api/workflow-instances/{id}", "/api/workflow-instances/{instance}", $"{AdminOnlyApi} 200"),
        Row("POST /api/workflow-instances/{id}/retry", "/api/workflow-instances/no-such-instance/retry", $"{AdminOnlyApi} 400"),
        Row("POST /api/workflow-instances/{id}/cancel", "/api/workflow-instances/no-such-instance/cancel", $"{AdminOnlyApi} 400"),
        Row("POST /api/workflow-instances/{id}/skip", "/api/workflow-instances/no-such-instance/skip?outcome=Done", $"{AdminOnlyApi} 400"),

        // Audit log: admins only; a bad filter is a validation problem.
        Row("GET /api/audit", "/api/audit", $"{AdminOnlyApi} 200"),
        Row("GET /api/audit.csv", "/api/audit.csv", $"{AdminOnlyApi} 200"),

        // Personal access tokens: each user their own ({missing} is nobody's token); creating needs a name (400 without).
        Row("GET /api/tokens", "/api/tokens", $"{SignedInApi} 200 200 200 200 200"),
        Row("POST /api/tokens", "/api/tokens", $"{SignedInApi} 400 400 400 400 400", body: "{}"),
        Row("DELETE /api/tokens/{id}", "/api/tokens/{missing}", $"{SignedInApi} 404 404 404 404 404"),

        // The OpenAPI document and its interactive reference: for signed-in users (the document maps every route and
        // who may call it); the reference is a page, so a stranger is sent to sign in.
        Row("GET /openapi/{documentName}.json", "/openapi/v1.json", $"{SignedInApi} 200 200 200 200 200"),
        Row("GET /api/docs/{documentName?}", "/api/docs/v1", "signin 200 200 200 200 200"),
        // The reference's own script and icon (embedded in the Scalar package): public files, like the portal's scripts.
        Row("GET /api/docs/scalar.js", "/api/docs/scalar.js", "200 200 200 200 200 200"),
        Row("GET /api/docs/scalar.aspnetcore.js", "/api/docs/scalar.aspnetcore.js", "200 200 200 200 200 200"),
        Row("GET /api/docs/favicon.svg", "/api/docs/favicon.svg", "200 200 200 200 200 200"),
        // Quotas: everyone reads their own; admins read and set a role's or a user's (a missing one is 404, so nothing changes).
        Row("GET /api/quotas/me", "/api/quotas/me", $"{SignedInApi} 200 200 200 200 200"),
        Row("GET /api/quotas", "/api/quotas", $"{AdminOnlyApi} 200"),
        Row("GET /api/quotas/roles/{role}", "/api/quotas/roles/Requester", $"{AdminOnlyApi} 200"),
        Row("PUT /api/quotas/roles/{role}", "/api/quotas/roles/no-such-role", $"{AdminOnlyApi} 404", body: "{}"),
        Row("GET /api/quotas/users/{user}", "/api/quotas/users/requester@portal.local", $"{AdminOnlyApi} 200"),
        Row("PUT /api/quotas/users/{user}", "/api/quotas/users/nobody@portal.local", $"{AdminOnlyApi} 404", body: "{}"),
        // Notifications: everyone signed in reads and marks their own; another's id answers like a missing one, and
        // read-all without upTo is refused, so the matrix marks nothing.
        Row("GET /api/notifications", "/api/notifications", $"{SignedInApi} 200 200 200 200 200"),
        Row("POST /api/notifications/{id:long}/read", "/api/notifications/0/read", $"{SignedInApi} 404 404 404 404 404"),
        Row("POST /api/notifications/read-all", "/api/notifications/read-all", $"{SignedInApi} 400 400 400 400 400"),
        // Leases: a server's owner (or an admin) reads and extends its lease; admins see what expires and set the policies.
        Row("GET /api/servers/{id:guid}/lease", "/api/servers/{missing}/lease", $"{SignedInApi} 404 404 404 404 404"),
        Row("POST /api/servers/{id:guid}/extend", "/api/servers/{missing}/extend", $"{SignedInApi} 404 404 404 404 404", body: """{"days":1}"""),
        Row("GET /api/leases/expiring", "/api/leases/expiring", $"{AdminOnlyApi} 200"),
        Row("GET /api/lease-policies", "/api/lease-policies", $"{AdminOnlyApi} 200"),
        Row("PUT /api/lease-policies/default", "/api/lease-policies/default", $"{AdminOnlyApi} 400",
            body: """{"defaultDays":0,"maxDays":0,"extensionNeedsApproval":false,"reminderDays":0,"graceDays":0}"""),
        Row("PUT /api/lease-policies/{scope}/{subject}", "/api/lease-policies/role/NoSuchRole", $"{AdminOnlyApi} 400",
            body: """{"defaultDays":30,"maxDays":90,"extensionNeedsApproval":false,"reminderDays":7,"graceDays":3}"""),
        Row("DELETE /api/lease-policies/{scope}/{subject}", "/api/lease-policies/role/NoSuchRole", $"{AdminOnlyApi} 404"),

        // Hosting and account. "ANY" is an endpoint for every method; the matrix calls it with GET.
        Row("ANY /health", "/health", "200 200 200 200 200 200"),
        // The Prometheus scrape: admins only (it tells how busy the portal is); 401 rather than a sign-in redirect.
        Row("ANY /metrics", "/metrics", $"{AdminOnlyApi} 200"),
        Row("POST /Account/Logout", "/Account/Logout", "400 400 400 400 400 400", body: "returnUrl=/"),

        // What no route matches: an unknown API path is 401 before sign-in and a problem 404 after; any other path and a
        // missing file are 404.
        Row("ANY /api/{**path}", "/api/no-such-thing", "404 404 404 404 404 404"),
        Row("ANY /{**path}", "/no-such-page", "404 404 404 404 404 404"),
        Row("GET /{**path:file}", "/no-such-file.txt", "404 404 404 404 404 404"),
        Row("HEAD /{**path:file}", "/no-such-file.txt", "404 404 404 404 404 404"),

        // Pages. Anonymous visitors are sent to sign in, a wrong role to access denied.
        Row("PAGE /", "/", "signin 200 200 200 200 200"),
        Row("PAGE /catalog", "/catalog", "signin 200 200 200 denied 200"),
        Row("PAGE /catalog/{ImageId:guid}/request", "/catalog/{image}/request", "signin 200 200 200 denied 200"),
        Row("PAGE /library", "/library", "signin 200 200 200 200 200"),
        Row("PAGE /library/{Id:guid}", "/library/{image}", "signin 200 200 200 200 200"),
        Row("PAGE /library/new", "/library/new", $"{AdminOnlyPage} 200"),
        Row("PAGE /library/{Id:guid}/edit", "/library/{image}/edit", $"{AdminOnlyPage} 200"),
        Row("PAGE /library/import", "/library/import", $"{AdminOnlyPage} 200"),
        // The list of requests is filled after the page loads (server paging), so its rows are checked on GET /api/requests.
        Row("PAGE /requests", "/requests", "signin 200 200 200 200 200"),
        Row("PAGE /requests/{Id:guid}", "/requests/{request}", "signin 200 hidden 200 200 200", marker: "{requestHost}"),
        Row("PAGE /servers", "/servers", "signin 200 200 200 denied 200"),
        // The inbox shows the request to the approvers its task names; an admin is not one of them here.
        Row("PAGE /approvals", "/approvals", "signin denied denied 200 200 hidden", marker: "{requestHost}"),
        Row("PAGE /admin/users", "/admin/users", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/audit", "/admin/audit", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/quotas", "/admin/quotas", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/platforms", "/admin/platforms", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/servers", "/admin/servers", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/leases", "/admin/leases", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/deployments", "/admin/deployments", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/deployments/{Id:guid}", "/admin/deployments/{deployment}", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/inventory", "/admin/inventory", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/workflows", "/admin/workflows", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/workflows/{Id}", "/admin/workflows/{workflow}", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/workflows/{Id}/test-run", "/admin/workflows/{workflow}/test-run", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/workflows/instances", "/admin/workflows/instances", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/workflows/instances/{Id}", "/admin/workflows/instances/{instance}", $"{AdminOnlyPage} 200"),
        Row("PAGE /admin/workflows/instances/{Id}/diagram", "/admin/workflows/instances/{instance}/diagram", $"{AdminOnlyPage} 200"),
        Row("PAGE /Account/Login", "/Account/Login", "200 200 200 200 200 200"),
        Row("PAGE /Account/Register", "/Account/Register", "200 200 200 200 200 200"),
        Row("PAGE /Account/Lockout", "/Account/Lockout", "200 200 200 200 200 200"),
        Row("PAGE /Account/AccessDenied", "/Account/AccessDenied", "200 200 200 200 200 200"),
        Row("PAGE /Account/InvalidUser", "/Account/InvalidUser", "200 200 200 200 200 200"),
        Row("PAGE /Account/Manage", "/Account/Manage", "signin 200 200 200 200 200"),
        Row("PAGE /Account/Manage/ChangePassword", "/Account/Manage/ChangePassword", "signin 200 200 200 200 200"),
        Row("PAGE /Account/Manage/Tokens", "/Account/Manage/Tokens", "signin 200 200 200 200 200"),
        Row("PAGE /not-found", "/not-found", "200 200 200 200 200 200"),
        Row("PAGE /Error", "/Error", "200 200 200 200 200 200"),
    ];

    /// <summary>
    /// Endpoints that are the framework's plumbing, not the portal's routes: the Blazor circuit hub and its negotiation,
    /// the framework's scripts, static files. Matched by prefix; everything else needs a row.
    /// </summary>
    public static IReadOnlyList<string> NotRoutesOfThePortal { get; } = ["/_blazor", "/_framework/", "/_content/"];

    private static AuthorizationMatrixRow Row(string key, string path, string expected, string? body = null, string? marker = null) =>
        AuthorizationMatrixRow.Of(key, path, expected, body, marker);
}
