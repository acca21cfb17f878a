using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Account;

/// <summary>Settings under <c>Portal:Accounts</c>: sign-in, lockout and password rules.</summary>
public sealed class AccountOptions
{
    public const string Section = "Portal:Accounts";

    /// <summary>Let anyone create an account at /Account/Register (as a Requester). Off by default.</summary>
    public bool AllowSelfRegistration { get; set; }

    /// <summary>Failed sign-ins in a row before the account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>How long a lockout after failed sign-ins lasts.</summary>
    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Minimum password length; passwords also need upper and lower case, a digit and a symbol.</summary>
    [Range(8, 128)]
    public int RequiredPasswordLength { get; set; } = 10;
}
