namespace Portal.Workflows.Persistence;

/// <summary>Sizes the definition store keeps, stated once for the store, the API and the designer.</summary>
public static class WorkflowDefinitionLimits
{
    /// <summary>The longest version comment, in characters.</summary>
    public const int CommentLength = 1000;

    /// <summary>The longest definition id the store keeps.</summary>
    public const int IdLength = 100;

    /// <summary>The longest definition name the store keeps.</summary>
    public const int NameLength = 200;
}
