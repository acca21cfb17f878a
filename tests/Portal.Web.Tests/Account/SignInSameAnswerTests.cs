using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Identity;

namespace Portal.Web.Tests.Account;

/// <summary>Whether an account exists, or is locked, must not show in the answer to a failed sign-in, nor in its cost.</summary>
public sealed partial class SignInSameAnswerTests : IAsyncLifetime
{
    private const string WrongPassword = "Wrong-Password-9!";

    private readonly AccountTestHost host = new(new Dictionary<string, string?> { ["Portal:Accounts:MaxFailedAccessAttempts"] = "2" });

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // The approver is locked by an administrator; the requester's account is fine.
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var approver = await users.FindByEmailAsync("approver@portal.local");
        Assert.True((await users.SetLockoutEndDateAsync(approver!, DateTimeOffset.MaxValue)).Succeeded);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task An_unknown_account_a_wrong_password_and_a_locked_account_get_the_same_answer()
    {
        var unknown = await AnswerAsync("203.0.113.1", "nobody@portal.local", WrongPassword);
        var wrong = await AnswerAsync("203.0.113.2", "requester@portal.local", WrongPassword);
        var locked = await AnswerAsync("203.0.113.3", "approver@portal.local", PortalAppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Null(unknown.Location);
        Assert.Contains("The e-mail or password is not right", unknown.Body, StringComparison.Ordinal);
        AssertSame(unknown, wrong);
        AssertSame(unknown, locked);
    }

    [Fact]
    public async Task An_address_locked_out_of_an_account_gets_the_same_answer_even_with_the_right_password()
    {
        var unknown = await AnswerAsync("203.0.113.1", "nobody@portal.local", WrongPassword);
        await AnswerAsync("203.0.113.4", "requester@portal.local", WrongPassword);
        await AnswerAsync("203.0.113.4", "requester@portal.local", WrongPassword);

        var lockedOut = await AnswerAsync("203.0.113.4", "requester@portal.local", PortalAppFactory.DemoPassword);

        AssertSame(unknown, lockedOut);
    }

    [Fact]
    public async Task A_refused_password_does_not_come_back_in_the_page()
    {
        var answer = await AnswerAsync("203.0.113.6", "requester@portal.local", WrongPassword);

        Assert.DoesNotContain(WrongPassword, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_refusal_costs_one_password_check_like_a_wrong_password()
    {
        Assert.Equal(1, await ChecksAsync("203.0.113.2", "requester@portal.local", WrongPassword));
        Assert.Equal(1, await ChecksAsync("203.0.113.1", "nobody@portal.local", WrongPassword));
        Assert.Equal(1, await ChecksAsync("203.0.113.3", "approver@portal.local", PortalAppFactory.DemoPassword));
        await ChecksAsync("203.0.113.5", "requester@portal.local", WrongPassword);
        Assert.Equal(1, await ChecksAsync("203.0.113.5", "requester@portal.local", PortalAppFactory.DemoPassword));
    }

    private static void AssertSame(Answer expected, Answer actual)
    {
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Location, actual.Location);
        var at = Enumerable.Range(0, Math.Min(expected.Body.Length, actual.Body.Length))
            .FirstOrDefault(i => expected.Body[i] != actual.Body[i], -1);
        if (at < 0 && expected.Body.Length != actual.Body.Length)
        {
            at = Math.Min(expected.Body.Length, actual.Body.Length);
        }

        Assert.True(at < 0, at < 0 ? "" : $"The pages differ at {at}: «{Around(expected.Body, at)}» against «{Around(actual.Body, at)}»");
    }

    private static string Around(string text, int at) => text[Math.Max(0, at - 80)..Math.Min(text.Length, at + 80)];

    private async Task<int> ChecksAsync(string address, string email, string password)
    {
        var before = host.PasswordChecks;
        await AnswerAsync(address, email, password);
        return host.PasswordChecks - before;
    }

    /// <summary>The answer as a stranger sees it, the echoed e-mail, the per-visit antiforgery token and the per-response script nonce blanked.</summary>
    private async Task<Answer> AnswerAsync(string address, string email, string password)
    {
        using var browser = host.Browser(address);
        using var response = await FormSignIn.PostAsync(browser, email, password);
        var body = await response.Content.ReadAsStringAsync(Token);
        body = TokenValue().Replace(body.Replace(email, "EMAIL", StringComparison.Ordinal), "value=\"TOKEN\"");
        body = ComponentState().Replace(body, "<!--STATE-->");
        body = ScriptNonce().Replace(body, "nonce=\"NONCE\"");
        return new Answer(response.StatusCode, response.Headers.Location?.OriginalString, body);
    }

    private sealed record Answer(HttpStatusCode Status, string? Location, string Body);

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex TokenValue();

    [GeneratedRegex("nonce=\"[0-9A-Fa-f]+\"")]
    private static partial Regex ScriptNonce();

    // Blazor's protected component state: encrypted afresh for every response.
    [GeneratedRegex("<!--Blazor-[A-Za-z]+-Component-State:[^>]*-->")]
    private static partial Regex ComponentState();
}
