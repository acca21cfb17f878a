namespace Portal.Web.Account;

/// <summary>The password rules in words, next to every field where a password is chosen.</summary>
public static class PasswordPolicyText
{
    public static string Describe(int requiredLength) =>
        $"At least {requiredLength} characters, with an upper-case and a lower-case letter, a digit and a symbol.";
}
