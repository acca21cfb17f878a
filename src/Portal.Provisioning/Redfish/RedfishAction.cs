namespace Portal.Provisioning.Redfish;

/// <summary>
/// An action a resource advertises: where to POST it, and what the BMC says of its parameters — in the action
/// itself (<c>Name@Redfish.AllowableValues</c>) or in its <c>@Redfish.ActionInfo</c> resource, which lists the
/// parameters the BMC takes at all (a parameter it does not list must not be sent).
/// </summary>
internal sealed record RedfishAction(
    string Target,
    IReadOnlyDictionary<string, RedfishActionParameter>? Listed,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Inline)
{
    /// <summary>Whether the parameter may be sent: the ActionInfo lists it, or there is no ActionInfo to say.</summary>
    public bool Takes(string name) => Listed is null || Listed.ContainsKey(name);

    /// <summary>Whether the ActionInfo marks the parameter required.</summary>
    public bool Requires(string name) => Listed is not null && Listed.TryGetValue(name, out var parameter) && parameter.Required;

    /// <summary>The values the BMC allows for a parameter; null when it does not say.</summary>
    public IReadOnlyList<string>? AllowedValues(string name) =>
        Inline.TryGetValue(name, out var inline) ? inline
        : Listed is not null && Listed.TryGetValue(name, out var parameter) ? parameter.AllowableValues
        : null;

    /// <summary>Whether the value may be sent; booleans compare as "true"/"false", whatever their case.</summary>
    public bool Allows(string name, string value) =>
        AllowedValues(name) is not { } allowed || allowed.Contains(value, StringComparer.OrdinalIgnoreCase);
}
