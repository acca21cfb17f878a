using System.Globalization;
using Portal.Web.Provisioning.Deployments;

namespace Portal.Web.Catalog;

/// <summary>
/// The wizard's details step: how many servers and their names (a pattern with a live preview), one field per
/// software parameter in the input its type wants, the business justification and an optional lease. Each field is
/// checked as it is left, with the domain's rules.
/// </summary>
public sealed partial class DetailsStep
{
    private readonly HashSet<string> revealed = new(StringComparer.OrdinalIgnoreCase);

    private string NamesHelp => Form.Quantity > 1
        ? "{n} stands for the server's number: web-{n} gives web-1, web-2…; web-{nn} gives web-01, web-02…"
        : "The server's name on the network; for several servers use a pattern such as web-{n}.";

    private async Task QuantityAsync(int quantity)
    {
        Form.SetQuantity(quantity);
        await ChangedAsync();
    }

    private async Task PatternAsync(string? pattern)
    {
        Form.SetNamePattern(pattern);
        await ChangedAsync();
    }

    private async Task SetAsync(ParameterField field, string? value)
    {
        Form.SetParameter(field, value);
        await ChangedAsync();
    }

    private async Task JustifyAsync(string? text)
    {
        Form.SetJustification(text);
        await ChangedAsync();
    }

    private async Task LeaseAsync(int? days)
    {
        Form.SetLeaseDays(days);
        await ChangedAsync();
    }

    private void Toggle(string name)
    {
        if (!revealed.Remove(name))
        {
            revealed.Add(name);
        }
    }

    /// <summary>Short values side by side; a free-text value nobody has to give (an SSH key…) gets the whole row.</summary>
    private static int Width(ParameterField field) =>
        field is { Type: Domain.Library.ParameterType.String, Required: false } && field.Definition.Default is null ? 12 : 6;

    private static long? WholeNumber(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
