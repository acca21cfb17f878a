using Microsoft.AspNetCore.Identity;
using Portal.Data.Identity;
using Portal.Domain.Audit;

namespace Portal.Web.Account;

/// <summary>
/// Signs in with an e-mail and password so that a stranger learns one thing only: signed in or not. An unknown
/// account, a wrong password, an account locked by an administrator and an address locked out after failures all
/// cost one password check and give the same answer.
/// </summary>
public sealed partial class PasswordSignIn(
    SignInManager<PortalUser> signIn,
    IPasswordHasher<PortalUser> hasher,
    UnknownAccountPassword nobody,
    SignInFailures failures,
    IAuditLog audit,
    ILogger<PasswordSignIn> logger)
{
    public async Task<bool> SignInAsync(string email, string password, bool persistent, string clientAddress)
    {
        var refusal = await TrySignInAsync(email, password, persistent, clientAddress);
        if (refusal is null)
        {
            return true;
        }

        // Every refusal is on record, whatever its reason; the reason is for admins only, the caller never sees it.
        await audit.RecordAsync(new AuditEntry(AuditAction.SignInFailed, AuditTarget.Account(refusal.UserId, email), $"Refused: {refusal.Reason}."), CancellationToken.None);
        return false;
    }

    /// <summary>Null when signed in, else why not.</summary>
    private async Task<Refusal?> TrySignInAsync(string email, string password, bool persistent, string clientAddress)
    {
        var account = AccountName.Normalize(email) ?? "";
        if (failures.IsLockedOut(account, clientAddress))
        {
            nobody.Verify(hasher, password);
            LogRefused(email, clientAddress, "locked out from this address");
            return new Refusal(null, "locked out from this address");
        }

        var user = await signIn.UserManager.FindByNameAsync(email);
        if (user is null)
        {
            nobody.Verify(hasher, password);
            failures.RecordFailure(account, clientAddress);
            LogRefused(email, clientAddress, "no such account");
            return new Refusal(null, "no such account");
        }

        // Identity's own lockout stays off here: it locks the account for everyone (see SignInFailures). A lock an
        // administrator set still holds: Identity refuses such an account before it checks the password.
        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            failures.Forget(account, clientAddress);
            LogSignedIn(email, clientAddress);
            return null;
        }

        if (result.IsLockedOut || result.IsNotAllowed)
        {
            nobody.Verify(hasher, password);
        }

        failures.RecordFailure(account, clientAddress);
        var reason = result.IsLockedOut ? "account locked" : result.IsNotAllowed ? "not allowed" : "wrong password";
        LogRefused(email, clientAddress, reason);
        return new Refusal(user.Id, reason);
    }

    private sealed record Refusal(string? UserId, string Reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Email} signed in from {ClientAddress}")]
    private partial void LogSignedIn(string email, string clientAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused for {Email} from {ClientAddress}: {Reason}")]
    private partial void LogRefused(string email, string clientAddress, string reason);
}
