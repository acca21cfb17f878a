namespace Portal.Web.Workflows.Pages;

/// <summary>
/// The workflow services are scoped (one DbContext each); a Blazor circuit lives as long as its tab. The
/// instance pages therefore take a scope of their own per load or action, so no context outlives its work or
/// serves two refreshes at once.
/// </summary>
public static class WorkflowScopes
{
    public static async Task<T> WithScopeAsync<T>(this IServiceScopeFactory scopes, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
