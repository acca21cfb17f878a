using System.Text.Json.Nodes;
using Bunit;
using Portal.Web.Designer;
using Portal.Web.Designer.Properties;
using Portal.Workflows.Definitions;
using Portal.Workflows.Expressions;

namespace Portal.Web.Tests.Designer;

/// <summary>The validator's own output, not messages passed in by hand, reaches the property panel next to its field.</summary>
public sealed class PropertyPanelValidationTests : DesignerTestContext
{
    [Fact]
    public void A_required_input_the_validator_finds_missing_is_flagged_under_that_input_of_the_selected_activity()
    {
        var definition = new WorkflowDefinition
        {
            Id = "approval",
            Name = "Approval",
            Activities =
            [
                new ActivityNode { Id = "start", Type = "Start" },
                new ActivityNode
                {
                    Id = "approve",
                    Type = "UserTask",
                    Inputs = new Dictionary<string, InputValue> { ["outcomes"] = InputValue.Literal(new JsonArray("Approved", "Rejected")) },
                },
                new ActivityNode { Id = "end", Type = "End" },
            ],
            Connections = [new("start", "Done", "approve"), new("approve", "Approved", "end"), new("approve", "Rejected", "end")],
        };
        var errors = new DefinitionValidator(Activities, new JintExpressionEvaluator()).Validate(definition);

        var panel = Render<ActivityProperties>(p => p
            .Add(c => c.Document, new DesignerDocument(definition))
            .Add(c => c.ActivityId, "approve")
            .Add(c => c.Activities, Activities)
            .Add(c => c.Validation, new ValidationIndex(errors, definition)));

        var title = panel.Find("[data-testid=input][data-input=title]");
        var messages = title.QuerySelectorAll("[data-testid=input-error]").Select(e => e.TextContent.Trim()).ToList();
        Assert.True(messages.Count == 1 && messages[0].Contains("title", StringComparison.Ordinal),
            $"Expected the validator's message about 'title' under it; validator said [{string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}], shown [{string.Join("; ", messages)}]");
        Assert.Empty(panel.FindAll("[data-testid=input][data-input=outcomes] [data-testid=input-error]"));
    }
}
