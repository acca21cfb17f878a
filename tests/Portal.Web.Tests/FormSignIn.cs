using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Web.Tests;

/// <summary>Signs in the way a browser does: read the form (and its antiforgery token), then post it.</summary>
public static partial class FormSignIn
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync("/Account/Login", form);
    }

    /// <summary>Signs in and fails the test unless the portal redirected away from the form.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password = PortalAppFactory.DemoPassword)
    {
        using var response = await PostAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Signing in as {email} should redirect; got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token field.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
