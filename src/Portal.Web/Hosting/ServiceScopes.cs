namespace Portal.Web.Hosting;

/// <summary>
/// The portal's stores and services are scoped (one DbContext each); a Blazor circuit lives as long as its tab.
/// Pages therefore take a scope of their own per load or action, so no context outlives its work or serves two
/// renders at once.
/// </summary>
public static class ServiceScopes
{
    public static async Task<T> InScopeAsync<T>(this IServiceScopeFactory scopes, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="work"/> with one service of a fresh scope.</summary>
    public static Task<T> WithAsync<TService, T>(this IServiceScopeFactory scopes, Func<TService, Task<T>> work)
        where TService : notnull =>
        scopes.InScopeAsync(services => work(services.GetRequiredService<TService>()));
}
