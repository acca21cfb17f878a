using System.Net;

namespace Portal.Web.Tests.Account;

public sealed class SignInTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new(new Dictionary<string, string?>
    {
        ["Portal:Accounts:MaxFailedAccessAttempts"] = "3",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task The_demo_requester_signs_in_through_the_form_and_sees_the_requesters_home()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await FormSignIn.PostAsync(client, "requester@portal.local", PortalAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);

        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("Welcome, Riya Requester", home, StringComparison.Ordinal);
        Assert.Contains("Request servers", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Run the portal", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_visitor_on_the_form_with_a_message()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await FormSignIn.PostAsync(client, "approver@portal.local", "Not-The-Password-1!");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The e-mail or password is not right", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var home = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task An_empty_form_shows_a_message_next_to_each_field()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await FormSignIn.PostAsync(client, "", "");

        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Enter your e-mail address.", html, StringComparison.Ordinal);
        Assert.Contains("Enter your password.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_address_out_even_against_the_right_password_with_the_usual_message()
    {
        using var client = factory.CreateBrowserLikeClient();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var failed = await FormSignIn.PostAsync(client, "admin@portal.local", "Wrong-Password-9!");
        }

        using var response = await FormSignIn.PostAsync(client, "admin@portal.local", PortalAppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The e-mail or password is not right", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var home = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        using var client = factory.CreateBrowserLikeClient();
        await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);

        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = "requester@portal.local",
            ["Input.Password"] = PortalAppFactory.DemoPassword,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(client, "requester@portal.local");
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        using var signOut = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormSignIn.AntiforgeryToken(home),
            ["returnUrl"] = "/",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
