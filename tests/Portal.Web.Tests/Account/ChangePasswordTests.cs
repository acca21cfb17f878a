using System.Net;

namespace Portal.Web.Tests.Account;

public sealed class ChangePasswordTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task A_user_changes_their_password_and_signs_in_with_the_new_one()
    {
        using var client = factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(client, "requester@portal.local");

        using var response = await PostAsync(client, PortalAppFactory.DemoPassword, "Brand-New-Password-2!", "Brand-New-Password-2!");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        using var fresh = factory.CreateBrowserLikeClient();
        using var old = await FormSignIn.PostAsync(fresh, "requester@portal.local", PortalAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        await FormSignIn.SignInAsync(fresh, "requester@portal.local", "Brand-New-Password-2!");
    }

    [Fact]
    public async Task A_wrong_current_password_or_a_mismatch_is_shown_and_changes_nothing()
    {
        using var client = factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(client, "approver@portal.local");

        using var wrong = await PostAsync(client, "Not-My-Password-1!", "Brand-New-Password-2!", "Brand-New-Password-2!");
        Assert.Contains("Incorrect password", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var mismatch = await PostAsync(client, PortalAppFactory.DemoPassword, "Brand-New-Password-2!", "Something-Else-3!");
        Assert.Contains("The two passwords differ.", await mismatch.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var fresh = factory.CreateBrowserLikeClient();
        await FormSignIn.SignInAsync(fresh, "approver@portal.local");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string current, string next, string confirm)
    {
        var page = await client.GetStringAsync("/Account/Manage/ChangePassword");
        return await client.PostAsync("/Account/Manage/ChangePassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = FormSignIn.AntiforgeryToken(page),
            ["Input.OldPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm,
        }));
    }
}
