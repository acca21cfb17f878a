using Portal.Domain.Inventory;
using Portal.Domain.Library;
using Portal.Domain.Requests;
using Portal.Domain.Validation;
using Portal.Provisioning.Deployments;
using Portal.Provisioning.Requests;
using Portal.Web.Provisioning.Deployments;

namespace Portal.Web.Catalog;

/// <summary>
/// The request wizard's state and rules: the image, the sizes its template allows, where the servers may go, the
/// software parameters, how many servers and their names, why and for how long. Each step is checked before the
/// next one opens, with the domain's own rules; leaving the details asks the server for a preview (names in use,
/// the plan in words), and a refusal brings the wizard back to the step holding the first error, every error on
/// its field. Nothing typed is lost: the wizard's pages only show what this object holds.
/// </summary>
public sealed class RequestForm
{
    public const string ImageKey = "imageId";
    public const string PlacementKey = "placement";
    public const string PlatformKey = "platformId";
    public const string QuantityKey = "quantity";
    public const string NamesKey = HostnamePattern.Field;
    public const string JustificationKey = "justification";
    public const string LeaseKey = "leaseDays";

    /// <summary>The provisioning workflow's default threshold for a second approval (its variable secondApprovalAboveVcpu).</summary>
    public const int SecondApprovalAboveVcpu = 16;

    private readonly Dictionary<string, List<string>> errors = new(StringComparer.OrdinalIgnoreCase);

    public RequestForm(MasterImage image, IEnumerable<PlatformOption> platforms)
    {
        Image = image;
        Platforms = platforms.ToList();
        Sizes = image.Hardware.Requirements.Select(r => r.Type).Distinct().Select(t => new SizeField(image.Hardware.Primary(t)!)).ToList();
        HostnameParameter = Provisioner.HostnameParameter(image);
        Parameters = image.Software.Parameters.Where(p => p != HostnameParameter).Select(p => new ParameterField(p)).ToList();

        // A virtual machine is what most requests want: quick, and one approval. Any counts as physical for approval.
        Placement = CanPlace(Placement.Virtual) ? Placement.Virtual : Placement.Any;
    }

    public MasterImage Image { get; }

    /// <summary>Every platform, with whether the image can go there and why not.</summary>
    public IReadOnlyList<PlatformOption> Platforms { get; }

    /// <summary>One field per resource type of the template; the fixed ones are shown, not sent.</summary>
    public IReadOnlyList<SizeField> Sizes { get; }

    /// <summary>What the image fixes: resources without bounds, and further disks or adapters beyond the first of their type.</summary>
    public IReadOnlyList<ResourceRequirement> FixedResources =>
        Image.Hardware.Requirements.Where(r => !(r.IsAdjustable && ReferenceEquals(Image.Hardware.Primary(r.Type), r))).ToList();

    /// <summary>The image's host-name parameter: its value comes from <see cref="NamePattern"/>, one name per server.</summary>
    public ConfigurationParameter? HostnameParameter { get; }

    /// <summary>The software parameters a requester fills in (all but the host name).</summary>
    public IReadOnlyList<ParameterField> Parameters { get; }

    public WizardStep Step { get; private set; } = WizardStep.Image;

    /// <summary>The furthest step opened so far.</summary>
    public WizardStep Reached { get; private set; } = WizardStep.Image;

    /// <summary>Virtual to begin with when a virtual platform can run the image, else Any.</summary>
    public Placement Placement { get; private set; }

    /// <summary>A platform the requester pinned; null lets the portal choose the best-fitting one.</summary>
    public Guid? PlatformId { get; private set; }

    public int Quantity { get; private set; } = 1;

    /// <summary>web-{n} for several servers, a plain name for one.</summary>
    public string NamePattern { get; private set; } = "";

    public string Justification { get; private set; } = "";

    public int? LeaseDays { get; private set; }

    /// <summary>What the server said the request would do, when the details were last left.</summary>
    public RequestPreview? Preview { get; private set; }

    /// <summary>False when no platform can run the image: it cannot be requested, and the wizard says so.</summary>
    public bool CanRunAnywhere => Platforms.Any(p => p.Compatibility.Compatible);

    /// <summary>Whether a host name must be given: several servers need a pattern, and an image may require its name.</summary>
    public bool NamesRequired => Quantity > 1 || HostnameParameter is { Required: true, Default: null };

    /// <summary>What the hardware comes to as chosen: "4 vCPU · 8 GiB · 80 GiB".</summary>
    public string HardwareSummary =>
        Domain.Library.HardwareSummary.Describe(Sizes.Select(s => (s.Type, new Quantity(s.Value, s.Unit))));

    /// <summary>The names the pattern gives for the quantity asked, in order; empty while the pattern is empty or wrong.</summary>
    public IReadOnlyList<string> Names => ExpandNames() is { IsValid: true } names ? names.Value : [];

    /// <summary>Whether the submitted request will wait for a second approval, as far as the preview tells.</summary>
    public bool NeedsSecondApproval => Preview?.Demand is { } demand && (demand.Physical || demand.Vcpus > SecondApprovalAboveVcpu);

    // ---- Editing -------------------------------------------------------------------------------------------

    /// <summary>Takes the allowed size nearest to <paramref name="value"/>: a value outside the template cannot be entered.</summary>
    public void Resize(SizeField size, decimal value)
    {
        size.Value = size.Nearest(value);
        Clear(size.Key);
    }

    /// <summary>Changes the placement and forgets a pinned platform of the other kind.</summary>
    public void ChangePlacement(Placement placement)
    {
        Placement = placement;
        if (Chosen is { } chosen && !IsSelectable(chosen))
        {
            PlatformId = null;
        }

        Clear(PlacementKey);
        Clear(PlatformKey);
    }

    /// <summary>Pins a platform (null: the portal chooses); a platform that cannot take the image is not taken.</summary>
    public void ChoosePlatform(Guid? platformId)
    {
        if (platformId is { } id && !Platforms.Any(p => p.Id == id && IsSelectable(p)))
        {
            return;
        }

        PlatformId = platformId;
        Clear(PlatformKey);
        Clear(PlacementKey);
    }

    public void SetParameter(ParameterField field, string? value)
    {
        field.Value = value;
        CheckParameter(field);
    }

    public void SetQuantity(int quantity)
    {
        Quantity = Math.Clamp(quantity, 1, ServerRequest.MaxQuantity);
        Clear(QuantityKey);
        CheckNames(required: false);
    }

    /// <summary>Takes the pattern as typed and checks it at once, so the preview and its message follow the typing.</summary>
    public void SetNamePattern(string? pattern)
    {
        NamePattern = pattern?.Trim() ?? "";
        CheckNames(required: false);
    }

    public void SetJustification(string? justification)
    {
        Justification = justification ?? "";
        CheckJustification();
    }

    public void SetLeaseDays(int? days)
    {
        LeaseDays = days;
        CheckLease();
    }

    // ---- Platforms -----------------------------------------------------------------------------------------

    public PlatformOption? Chosen => PlatformId is { } id ? Platforms.FirstOrDefault(p => p.Id == id) : null;

    /// <summary>Why a platform cannot be chosen with the current placement, each reason a sentence; empty when it can.</summary>
    public IReadOnlyList<string> WhyNot(PlatformOption option)
    {
        var reasons = new List<string>();
        if (!Suits(option.Kind, Placement))
        {
            reasons.Add(Placement == Placement.Physical ? "Not a physical platform." : "Not a virtual platform.");
        }

        reasons.AddRange(option.Compatibility.Reasons.Select(r => r.Message));
        return reasons;
    }

    public bool IsSelectable(PlatformOption option) => WhyNot(option).Count == 0;

    /// <summary>Whether some platform that can run the image suits <paramref name="placement"/>.</summary>
    public bool CanPlace(Placement placement) => Platforms.Any(p => p.Compatibility.Compatible && Suits(p.Kind, placement));

    // ---- Steps ---------------------------------------------------------------------------------------------

    /// <summary>Checks one step with the domain's rules; its fields get their messages. True when nothing stops it.</summary>
    public bool Check(WizardStep step)
    {
        switch (step)
        {
            case WizardStep.Image:
                Clear(ImageKey);
                if (!CanRunAnywhere)
                {
                    Add(ImageKey, "No platform can run this image, so it cannot be requested. Choose another image from the catalog.");
                }

                break;
            case WizardStep.Size:
                foreach (var size in Sizes.Where(s => s.Adjustable))
                {
                    Clear(size.Key);
                    foreach (var problem in size.Problems(size.Value))
                    {
                        Add(size.Key, problem);
                    }
                }

                break;
            case WizardStep.Placement:
                Clear(PlacementKey);
                Clear(PlatformKey);
                if (!CanPlace(Placement))
                {
                    Add(PlacementKey, Placement == Placement.Physical
                        ? "No physical platform can run this image: choose Virtual or Any."
                        : "No virtual platform can run this image: choose Physical or Any.");
                }
                else if (Chosen is { } chosen && !IsSelectable(chosen))
                {
                    Add(PlatformKey, $"{chosen.Name} cannot take this request: {string.Join(" ", WhyNot(chosen))}");
                }

                break;
            case WizardStep.Details:
                foreach (var field in Parameters)
                {
                    CheckParameter(field);
                }

                Clear(QuantityKey);
                if (Quantity is < 1 or > ServerRequest.MaxQuantity)
                {
                    Add(QuantityKey, $"Ask for 1 to {ServerRequest.MaxQuantity} servers in one request.");
                }

                CheckNames(required: true);
                CheckJustification();
                CheckLease();
                break;
        }

        return !HasErrors(step);
    }

    /// <summary>
    /// Checks the current step and opens the next. Leaving the details previews the order with the server (names in
    /// use, sizes no platform can give…): a refusal goes back to the step holding the first error. False when the
    /// wizard did not move forward.
    /// </summary>
    public async Task<bool> NextAsync(string requestedBy, Func<ServerRequestOrder, Task<ValidationResult<RequestPreview>>> preview)
    {
        if (Step == WizardStep.Review || !Check(Step))
        {
            return false;
        }

        if (Step == WizardStep.Details)
        {
            ClearOtherErrors();
            var previewed = await preview(ToOrder(requestedBy));
            if (!previewed.IsValid)
            {
                Preview = null;
                MoveTo(Earliest(Refused(previewed.Errors)));
                return false;
            }

            Preview = previewed.Value;
        }

        MoveTo(Step + 1);
        return true;
    }

    /// <summary>Opens a step: an earlier one at once, a later one through every step in between (each checked).</summary>
    public async Task<bool> GoToAsync(WizardStep target, string requestedBy, Func<ServerRequestOrder, Task<ValidationResult<RequestPreview>>> preview)
    {
        if (target <= Step)
        {
            MoveTo(target);
            return true;
        }

        while (Step < target)
        {
            if (!await NextAsync(requestedBy, preview))
            {
                return false;
            }
        }

        return true;
    }

    public void Back()
    {
        if (Step > WizardStep.Image)
        {
            MoveTo(Step - 1);
        }
    }

    /// <summary>Submits the request; a refusal goes back to the step holding the first error. The request when it was taken.</summary>
    public async Task<ServerRequest?> SubmitAsync(string requestedBy, Func<ServerRequestOrder, Task<ValidationResult<ServerRequest>>> submit)
    {
        ClearOtherErrors();
        var submitted = await submit(ToOrder(requestedBy));
        if (submitted.IsValid)
        {
            return submitted.Value;
        }

        MoveTo(Earliest(Refused(submitted.Errors)));
        return null;
    }

    /// <summary>Whether a step was passed and holds no error: its mark in the stepper.</summary>
    public bool IsDone(WizardStep step) => step < Reached && step != Step && !HasErrors(step);

    /// <summary>Which step shows an error with this key; errors no field shows belong above the form, on the review.</summary>
    public WizardStep StepOf(string key)
    {
        key = FieldOf(key);
        if (key.Equals(ImageKey, StringComparison.OrdinalIgnoreCase))
        {
            return WizardStep.Image;
        }

        // Only adjustable sizes have a field; an error about a fixed one (the quota's vCPU of an image with a fixed CPU) shows above the form.
        if (Sizes.Any(s => s.Adjustable && s.Key.Equals(key, StringComparison.OrdinalIgnoreCase)))
        {
            return WizardStep.Size;
        }

        if (key.Equals(PlacementKey, StringComparison.OrdinalIgnoreCase) || key.Equals(PlatformKey, StringComparison.OrdinalIgnoreCase))
        {
            return WizardStep.Placement;
        }

        return DetailKeys.Contains(key) ? WizardStep.Details : WizardStep.Review;
    }

    // ---- Errors --------------------------------------------------------------------------------------------

    /// <summary>Keeps every error of a refusal on its field, and returns the earliest step that holds one.</summary>
    public WizardStep Refused(IReadOnlyList<ValidationError> refusal)
    {
        foreach (var error in refusal)
        {
            Add(FieldOf(error.Field), error.Message);
        }

        return refusal.Count == 0 ? Step : refusal.Min(e => StepOf(e.Field));
    }

    public bool HasError(string key) => errors.ContainsKey(key);

    public string ErrorFor(string key) => errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : "";

    /// <summary>Whether any field of the step shows an error (for the review: any error no field shows).</summary>
    public bool HasErrors(WizardStep step) => errors.Keys.Any(k => StepOf(k) == step);

    /// <summary>The errors no field shows (a workflow that did not start, anything unexpected): shown above the form.</summary>
    public IReadOnlyList<string> OtherErrors => errors.Where(e => StepOf(e.Key) == WizardStep.Review).SelectMany(e => e.Value).ToList();

    public ServerRequestOrder ToOrder(string requestedBy) => new()
    {
        ImageId = Image.Id,
        Placement = Placement,
        PlatformId = PlatformId,
        Hardware = Sizes.Where(s => s.Adjustable).ToDictionary(s => s.Type, s => s.Value),
        Parameters = Parameters.Where(p => !string.IsNullOrEmpty(p.Value))
            .ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase),
        Quantity = Quantity,
        HostnamePattern = NamePattern.Length == 0 ? null : NamePattern,
        Justification = Justification.Trim(),
        LeaseDays = LeaseDays,
        RequestedBy = requestedBy,
    };

    private IEnumerable<string> DetailKeys => Parameters.Select(p => p.Key).Concat([QuantityKey, NamesKey, JustificationKey, LeaseKey]);

    /// <summary>The field an error shows on: the host-name parameter's errors show on the name pattern that fills it.</summary>
    private string FieldOf(string key) =>
        key.Equals("hostname", StringComparison.OrdinalIgnoreCase)
        || (HostnameParameter is not null && key.Equals($"parameters.{HostnameParameter.Name}", StringComparison.OrdinalIgnoreCase))
            ? NamesKey
            : key;

    /// <summary>A refusal whose errors no field shows keeps the wizard where it is; they show above the form.</summary>
    private WizardStep Earliest(WizardStep refused) => refused < Step ? refused : Step;

    private void MoveTo(WizardStep step)
    {
        Step = step;
        if (step > Reached)
        {
            Reached = step;
        }
    }

    private bool CheckParameter(ParameterField field)
    {
        Clear(field.Key);
        var parameter = field.Definition;
        if (string.IsNullOrEmpty(field.Value))
        {
            if (parameter is { Required: true, Default: null } && !(parameter.IsSecret && parameter.Generate))
            {
                Add(field.Key, $"{CatalogText.Label(parameter)} is required.");
            }
        }
        else
        {
            foreach (var problem in parameter.ValidateValue(field.Value, field.Key))
            {
                Add(field.Key, problem.Message);
            }
        }

        return !HasError(field.Key);
    }

    private void CheckNames(bool required)
    {
        Clear(NamesKey);
        if (NamePattern.Length == 0)
        {
            if (required && NamesRequired)
            {
                Add(NamesKey, Quantity > 1
                    ? $"{Quantity} servers need distinct names: give a pattern such as web-{{n}}."
                    : "Give the server a host name.");
            }

            return;
        }

        var names = ExpandNames();
        foreach (var error in names.Errors)
        {
            Add(NamesKey, error.Message);
        }
    }

    /// <summary>The pattern's names, each checked against the image's own rule for a host name (a Windows name's 15 characters…).</summary>
    private ValidationResult<IReadOnlyList<string>> ExpandNames()
    {
        var expanded = HostnamePattern.Expand(NamePattern, Quantity);
        if (!expanded.IsValid || HostnameParameter is null)
        {
            return expanded;
        }

        foreach (var name in expanded.Value)
        {
            if (HostnameParameter.ValidateValue(name, NamesKey).FirstOrDefault() is { } problem)
            {
                return ValidationResult<IReadOnlyList<string>>.Failure(NamesKey, $"{name}: {problem.Message}");
            }
        }

        return expanded;
    }

    private void CheckJustification()
    {
        Clear(JustificationKey);
        var length = Justification.Trim().Length;
        if (length < RequestSubmission.MinJustification)
        {
            Add(JustificationKey, $"Say in a sentence what the servers are for (at least {RequestSubmission.MinJustification} characters): approvers decide on it.");
        }
        else if (length > RequestSubmission.MaxJustification)
        {
            Add(JustificationKey, $"Keep the justification under {RequestSubmission.MaxJustification} characters.");
        }
    }

    private void CheckLease()
    {
        Clear(LeaseKey);
        if (LeaseDays is < 1 or > RequestSubmission.MaxLeaseDays)
        {
            Add(LeaseKey, $"A lease is 1 to {RequestSubmission.MaxLeaseDays} days.");
        }
    }

    private void ClearOtherErrors()
    {
        foreach (var key in errors.Keys.Where(k => StepOf(k) == WizardStep.Review).ToList())
        {
            errors.Remove(key);
        }
    }

    private void Add(string key, string message)
    {
        if (!errors.TryGetValue(key, out var messages))
        {
            errors[key] = messages = [];
        }

        if (!messages.Contains(message))
        {
            messages.Add(message);
        }
    }

    private void Clear(string key) => errors.Remove(key);

    private static bool Suits(PlatformKind kind, Placement placement) => placement switch
    {
        Placement.Physical => kind == PlatformKind.Physical,
        Placement.Virtual => kind == PlatformKind.Virtual,
        _ => true,
    };
}
