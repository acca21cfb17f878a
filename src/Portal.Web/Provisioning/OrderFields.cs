using System.Text.Json;
using Portal.Domain.Library;
using Portal.Domain.Validation;

namespace Portal.Web.Provisioning;

/// <summary>The parts of an order's JSON body that deployments and requests share: sizes keyed by resource type, parameter values.</summary>
public static class OrderFields
{
    /// <summary>Sizes keyed by resource type (Processor, Memory, Disk…) in the template's unit; an unknown type is an error keyed <c>hardware.KEY</c>.</summary>
    public static Dictionary<ResourceType, decimal> Hardware(Dictionary<string, decimal>? body, List<ValidationError> errors)
    {
        var hardware = new Dictionary<ResourceType, decimal>();
        foreach (var (key, value) in body ?? [])
        {
            if (Enum.TryParse<ResourceType>(key, ignoreCase: true, out var type) && Enum.IsDefined(type))
            {
                hardware[type] = value;
            }
            else
            {
                errors.Add(new($"hardware.{key}", $"'{key}' is not a resource type; use one of {string.Join(", ", Enum.GetNames<ResourceType>())}."));
            }
        }

        return hardware;
    }

    /// <summary>Parameter values as text (numbers and true/false as written); an object or list is an error keyed <c>parameters.NAME</c>.</summary>
    public static Dictionary<string, string?> Parameters(Dictionary<string, JsonElement>? body, List<ValidationError> errors)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in body ?? [])
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    parameters[name] = value.GetString();
                    break;
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    parameters[name] = null;
                    break;
                case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number:
                    parameters[name] = value.GetRawText();
                    break;
                default:
                    errors.Add(new ValidationError($"parameters.{name}", "A parameter's value is a string, a number or true/false."));
                    break;
            }
        }

        return parameters;
    }
}
