using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Hosting;

/// <summary>Settings under <c>Portal:Seed</c>: what a first start puts into an empty portal.</summary>
public sealed class SeedOptions : IValidatableObject
{
    public const string Section = "Portal:Seed";

    /// <summary>Create requester@, approver@ and admin@portal.local. Never on in production.</summary>
    public bool DemoUsers { get; set; }

    /// <summary>Fill an empty library with demo platforms and images. Never on in production.</summary>
    public bool DemoData { get; set; }

    /// <summary>Give the Requester role a demo quota (10 servers, 32 vCPU, 64 GiB, 2 physical) when it has none. Never on in production.</summary>
    public bool DemoQuotas { get; set; }

    /// <summary>The password the demo users get when they are created.</summary>
    public string DemoPassword { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DemoUsers && string.IsNullOrWhiteSpace(DemoPassword))
        {
            yield return new ValidationResult(
                "Portal:Seed:DemoPassword must be set when Portal:Seed:DemoUsers is true.", [nameof(DemoPassword)]);
        }
    }
}
