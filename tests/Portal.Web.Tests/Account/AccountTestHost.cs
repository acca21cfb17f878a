using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Data.Identity;

namespace Portal.Web.Tests.Account;

/// <summary>
/// The real portal where each test client has its own client address and where password checks are counted.
/// The address comes from a test header that only this host reads (a startup filter added in the test host, ahead of
/// the portal's pipeline); the portal itself never trusts a header for the address.
/// </summary>
public sealed class AccountTestHost : IAsyncDisposable
{
    private const string AddressHeader = "X-Test-Client-Address";

    private readonly PortalAppFactory factory;
    private readonly WebApplicationFactory<Program> app;
    private int passwordChecks;

    public AccountTestHost(IDictionary<string, string?>? settings = null)
    {
        factory = new PortalAppFactory(settings);
        app = factory.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
            services.AddScoped<IPasswordHasher<PortalUser>>(provider =>
                new CountingHasher(this, new PasswordHasher<PortalUser>(provider.GetRequiredService<IOptions<PasswordHasherOptions>>())));
        }));
    }

    /// <summary>Password verifications so far (real and dummy alike).</summary>
    public int PasswordChecks => Volatile.Read(ref passwordChecks);

    public IServiceProvider Services => app.Services;

    /// <summary>A browser at <paramref name="address"/>: its own cookies, no automatic redirects.</summary>
    public HttpClient Browser(string address)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    /// <summary>A client that keeps no cookies: whatever it sends, the test sets.</summary>
    public HttpClient Bare(string address)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class CountingHasher(AccountTestHost host, PasswordHasher<PortalUser> inner) : IPasswordHasher<PortalUser>
    {
        public string HashPassword(PortalUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref host.passwordChecks);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
