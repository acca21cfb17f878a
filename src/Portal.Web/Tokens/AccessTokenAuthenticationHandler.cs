using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Portal.Data.Identity;
using Portal.Data.Tokens;
using Portal.Domain.Tokens;

namespace Portal.Web.Tokens;

/// <summary>
/// Authenticates <c>Authorization: Bearer ptk_…</c> as the token's owner with the owner's roles and claims as they
/// are now, built by the same factory as the sign-in cookie: a role taken away is gone for the token on its next call,
/// and a locked or deleted account's tokens sign nobody in. Every failure (malformed, unknown, wrong secret, expired,
/// revoked, account locked) is the same 401 with the same body, so a caller learns nothing about which it was.
/// </summary>
public sealed partial class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AccessTokenStore tokens,
    UserManager<PortalUser> users,
    IUserClaimsPrincipalFactory<PortalUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private static readonly AuthenticateResult Refused = AuthenticateResult.Fail("The access token is not valid.");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (AccessTokenAuthentication.BearerToken(Request) is not { } text)
        {
            return AuthenticateResult.NoResult();
        }

        // A malformed token is refused without a lookup: the format is public, so that tells nothing about any token.
        var presented = AccessTokenSecret.Parse(text);
        var owner = presented is null ? null : await tokens.FindValidAsync(presented, Context.RequestAborted);
        if (owner is null)
        {
            LogRefused(Logger, presented?.ToString() ?? "(malformed)");
            return Refused;
        }

        var user = await users.FindByIdAsync(owner.UserId);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            LogOwnerRefused(Logger, presented!.ToString());
            return Refused;
        }

        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, Scheme.Name, principal.Identities.First().NameClaimType, principal.Identities.First().RoleClaimType);
        identity.AddClaim(new Claim(AccessTokenAuthentication.TokenIdClaim, owner.TokenId));
        await tokens.TouchAsync(owner, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Task.CompletedTask;
    }

    // The token's public prefix only, never the presented text: a secret pasted into a log stops being one.
    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an access token {TokenPrefix}: unknown, wrong, expired or revoked")]
    private static partial void LogRefused(ILogger logger, string tokenPrefix);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an access token {TokenPrefix}: its account is locked or gone")]
    private static partial void LogOwnerRefused(ILogger logger, string tokenPrefix);
}
