using Microsoft.AspNetCore.Components;

namespace Portal.Web.Catalog;

/// <summary>A step of the request wizard: it shows and edits the wizard's <see cref="RequestForm"/>, and says when it changed it.</summary>
public abstract class WizardStepBase : ComponentBase
{
    /// <summary>The wizard's state and rules.</summary>
    [Parameter, EditorRequired] public required RequestForm Form { get; set; }

    /// <summary>Raised after an edit, so that what else shows the form (the summary) follows.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    protected Task ChangedAsync() => Changed.InvokeAsync();
}
