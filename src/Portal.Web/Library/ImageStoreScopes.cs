using Portal.Data.Library;
using Portal.Web.Hosting;

namespace Portal.Web.Library;

/// <summary>
/// A Blazor Server circuit lives for as long as the tab is open; a DbContext must not. Pages ask for an
/// <see cref="ImageStore"/> per operation, in a scope of its own, so no context outlives its work or is
/// used by two loads at once.
/// </summary>
public static class ImageStoreScopes
{
    public static Task<T> WithImageStoreAsync<T>(this IServiceScopeFactory scopes, Func<ImageStore, Task<T>> work) =>
        scopes.WithAsync<ImageStore, T>(work);
}
