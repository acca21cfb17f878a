using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Admin.Users;

/// <summary>What an administrator enters to create a user.</summary>
public sealed class NewUser
{
    [Required(ErrorMessage = "Enter an e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    public string Email { get; set; } = "";

    [StringLength(200, ErrorMessage = "Keep the name under 200 characters.")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Set an initial password; the user can change it after signing in.")]
    public string Password { get; set; } = "";

    public HashSet<string> Roles { get; set; } = [];
}
