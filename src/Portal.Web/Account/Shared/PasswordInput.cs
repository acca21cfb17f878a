using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Rendering;

namespace Portal.Web.Account.Shared;

/// <summary>
/// A password field that never writes its value back into the page. <see cref="InputText"/> renders <c>value="…"</c>,
/// so a form that comes back after a failed sign-in or a validation error carried the typed password in its HTML
/// (found by the secrets scan): into browser caches, proxies' logs and screenshots. The user types it again instead.
/// </summary>
public sealed class PasswordInput : InputBase<string?>
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "input");
        builder.AddMultipleAttributes(1, AdditionalAttributes);
        builder.AddAttribute(2, "type", "password");
        if (!string.IsNullOrEmpty(NameAttributeValue))
        {
            builder.AddAttribute(3, "name", NameAttributeValue);
        }

        builder.AddAttribute(4, "class", CssClass);
        builder.AddAttribute(5, "value", "");
        builder.AddAttribute(6, "onchange", EventCallback.Factory.CreateBinder<string?>(this, v => CurrentValueAsString = v, null));
        builder.SetUpdatesAttributeName("value");
        builder.CloseElement();
    }

    protected override bool TryParseValueFromString(string? value, out string? result, [NotNullWhen(false)] out string? validationErrorMessage)
    {
        result = value;
        validationErrorMessage = null;
        return true;
    }
}
