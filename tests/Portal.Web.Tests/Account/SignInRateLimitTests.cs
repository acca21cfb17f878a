using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;

namespace Portal.Web.Tests.Account;

public sealed class SignInRateLimitTests
{
    private const string WrongPassword = "Wrong-Password-9!";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Limits(int perAddress, int perAccountPerAddress, int perAccount) => new()
    {
        ["Portal:Accounts:RateLimits:PerAddress"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Accounts:RateLimits:PerAccountPerAddress"] = perAccountPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Accounts:RateLimits:PerAccount"] = perAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Accounts:MaxFailedAccessAttempts"] = "100",
    };

    [Fact]
    public async Task Sign_ins_beyond_the_per_address_limit_answer_429_with_Retry_After_and_sign_nobody_in()
    {
        await using var host = new AccountTestHost(Limits(perAddress: 3, perAccountPerAddress: 100, perAccount: 100));
        using var attacker = host.Browser("203.0.113.7");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var admitted = await FormSignIn.PostAsync(attacker, $"guess{attempt}@portal.local", WrongPassword);
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        var checksBefore = host.PasswordChecks;
        using var refused = await FormSignIn.PostAsync(attacker, "requester@portal.local", PortalAppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = Assert.Single(refused.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(checksBefore, host.PasswordChecks);
        using var home = await attacker.GetAsync("/", Token);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);

        using var elsewhere = host.Browser("198.51.100.20");
        await FormSignIn.SignInAsync(elsewhere, "requester@portal.local");
    }

    [Fact]
    public async Task Attempts_at_one_account_are_limited_per_address_and_in_total_whatever_the_case_of_the_e_mail()
    {
        await using var host = new AccountTestHost(Limits(perAddress: 100, perAccountPerAddress: 2, perAccount: 3));
        using var first = host.Browser("203.0.113.7");
        using (var one = await FormSignIn.PostAsync(first, "admin@portal.local", WrongPassword))
        using (var two = await FormSignIn.PostAsync(first, " Admin@Portal.Local", WrongPassword))
        {
            Assert.Equal(HttpStatusCode.OK, two.StatusCode);
        }

        using (var refused = await FormSignIn.PostAsync(first, "ADMIN@PORTAL.LOCAL", PortalAppFactory.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        // Another account from the same address is not held up.
        await FormSignIn.SignInAsync(first, "requester@portal.local");

        using var second = host.Browser("198.51.100.20");
        using (var admitted = await FormSignIn.PostAsync(second, "admin@portal.local", WrongPassword))
        {
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        // Three attempts at the account in this window, from two addresses: a third address is refused too.
        using var thirdAddress = host.Browser("192.0.2.33");
        using var overall = await FormSignIn.PostAsync(thirdAddress, "admin@portal.local", PortalAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, overall.StatusCode);
        Assert.True(overall.Headers.Contains("Retry-After"), "A 429 says when to try again.");
    }

    [Fact]
    public async Task Showing_the_sign_in_form_uses_up_no_attempts()
    {
        await using var host = new AccountTestHost(Limits(perAddress: 1, perAccountPerAddress: 1, perAccount: 1));
        using var browser = host.Browser("203.0.113.7");
        for (var view = 0; view < 5; view++)
        {
            await browser.GetStringAsync("/Account/Login", Token);
        }

        await FormSignIn.SignInAsync(browser, "requester@portal.local");
    }

    [Fact]
    public async Task Registration_posts_are_limited_per_address_and_a_refused_one_creates_nobody()
    {
        var settings = Limits(perAddress: 2, perAccountPerAddress: 100, perAccount: 100);
        settings["Portal:Accounts:AllowSelfRegistration"] = "true";
        await using var host = new AccountTestHost(settings);
        using var browser = host.Browser("203.0.113.7");

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var weak = await RegisterAsync(browser, $"weak{attempt}@example.com", "short");
            Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        }

        using var refused = await RegisterAsync(browser, "new.person@example.com", "Fresh-Password-789!");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"), "A 429 says when to try again.");
        await using var scope = host.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("new.person@example.com"));
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/Account/Register", Token);
        return await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = FormSignIn.AntiforgeryToken(page),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        }), Token);
    }
}
