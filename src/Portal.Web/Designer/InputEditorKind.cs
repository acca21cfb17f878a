namespace Portal.Web.Designer;

/// <summary>The field the property panel shows for an input's literal value.</summary>
public enum InputEditorKind
{
    Text,
    MultilineText,
    Number,
    Boolean,
    Duration,
    Choice,
    Roles,
    Users,
    List,
    Json,
}
