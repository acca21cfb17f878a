namespace Portal.Web.Tests;

/// <summary>A class fixture: the portal on its defaults, shared by a class's tests, and a way to act as its admin.</summary>
public sealed class AdminPortal : IAsyncDisposable
{
    public PortalAppFactory Factory { get; } = new();

    public async Task<HttpClient> AdminAsync()
    {
        var client = Factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(client, "admin@portal.local");
        return client;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
