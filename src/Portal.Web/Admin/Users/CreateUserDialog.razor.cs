using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Portal.Web.Account;

namespace Portal.Web.Admin.Users;

/// <summary>Creates a user; the server's verdict (duplicate e-mail, weak password) shows next to its field.</summary>
public sealed partial class CreateUserDialog
{
    private readonly NewUser input = new();
    private MudForm? form;
    private bool isValid;
    private bool saving;
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    [Inject] public required UserAdministration Administration { get; init; }

    [Inject] public required IOptions<AccountOptions> Accounts { get; init; }

    private string PasswordRule => PasswordPolicyText.Describe(Accounts.Value.RequiredPasswordLength);

    private bool HasError(string field) => errors.ContainsKey(field);

    private string? ErrorFor(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private void SetRole(string role, bool on)
    {
        if (on)
        {
            input.Roles.Add(role);
        }
        else
        {
            input.Roles.Remove(role);
        }
    }

    private async Task SubmitAsync()
    {
        errors = new Dictionary<string, string[]>();
        if (form is not null)
        {
            await form.ValidateAsync();
        }

        if (!isValid)
        {
            return;
        }

        saving = true;
        try
        {
            var result = await Administration.CreateAsync(input, CancellationToken.None);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(input.Email));
                return;
            }

            errors = result.Errors;
        }
        finally
        {
            saving = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
