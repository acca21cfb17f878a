namespace Portal.Web.Catalog;

/// <summary>The request wizard's steps, in order; each is checked before the next one opens.</summary>
public enum WizardStep
{
    Image,
    Size,
    Placement,
    Details,
    Review,
}
