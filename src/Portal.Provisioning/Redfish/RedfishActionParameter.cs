namespace Portal.Provisioning.Redfish;

/// <summary>One parameter of an ActionInfo resource (Parameters[]): whether it is required and which values it takes (null: any).</summary>
internal sealed record RedfishActionParameter(string Name, bool Required, IReadOnlyList<string>? AllowableValues);
