namespace Portal.Web.Designer.Viewer;

/// <summary>Which field a sample input gets on the test-run form.</summary>
public enum TestRunInputKind
{
    Text,
    Number,
    Boolean,
    Json,
}
