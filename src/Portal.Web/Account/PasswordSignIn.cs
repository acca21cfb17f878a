using Microsoft.AspNetCore.Identity;
using Portal.Data.Identity;

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
    ILogger<PasswordSignIn> logger)
{
    public async Task<bool> SignInAsync(string email, string password, bool persistent, string clientAddress)
    {
        var account = AccountName.Normalize(email) ?? "";
        if (failures.IsLockedOut(account, clientAddress))
        {
            nobody.Verify(hasher, password);
            LogRefused(email, clientAddress, "locked out from this address");
            return false;
        }

        var user = await signIn.UserManager.FindByNameAsync(email);
        if (user is null)
        {
            nobody.Verify(hasher, password);
            failures.RecordFailure(account, clientAddress);
            LogRefused(email, clientAddress, "no such account");
            return false;
        }

        // Identity's own lockout stays off here: it locks the account for everyone (see SignInFailures). A lock an
        // administrator set still holds: Identity refuses such an account before it checks the password.
        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            failures.Forget(account, clientAddress);
            LogSignedIn(email, clientAddress);
            return true;
        }

        if (result.IsLockedOut || result.IsNotAllowed)
        {
            nobody.Verify(hasher, password);
        }

        failures.RecordFailure(account, clientAddress);
        LogRefused(email, clientAddress, result.IsLockedOut ? "account locked" : result.IsNotAllowed ? "not allowed" : "wrong password");
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Email} signed in from {ClientAddress}")]
    private partial void LogSignedIn(string email, string clientAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused for {Email} from {ClientAddress}: {Reason}")]
    private partial void LogRefused(string email, string clientAddress, string reason);
}
