using System.Text.Json.Nodes;
using Bunit;
using Portal.Web.Designer;
using Portal.Web.Designer.Properties;
using Portal.Workflows.Definitions;

namespace Portal.Web.Tests.Designer;

/// <summary>The defaults of the workflow's own inputs and variables get the property panel's typed fields.</summary>
public sealed class WorkflowDefaultsTests : DesignerTestContext
{
    private static WorkflowDefinition Definition() => new()
    {
        Id = "defaults",
        Name = "Defaults",
        Inputs =
        [
            new WorkflowInput { Name = "timeout", Type = WorkflowInputTypes.Duration, Default = JsonValue.Create(90) },
            new WorkflowInput { Name = "note", Type = WorkflowInputTypes.String, Default = JsonValue.Create("hi") },
        ],
        Variables =
        [
            new WorkflowVariable { Name = "attempts", Type = "number", Default = JsonValue.Create(3) },
            new WorkflowVariable { Name = "done", Type = "boolean" },
        ],
        Activities = [new ActivityNode { Id = "start", Type = "Start" }],
    };

    [Fact]
    public void A_duration_default_shows_its_unit_a_bare_number_as_seconds_and_stores_what_is_typed_in_that_unit()
    {
        var document = new DesignerDocument(Definition());
        var panel = Render<WorkflowProperties>(p => p.Add(c => c.Document, document));
        var timeout = panel.Find("[data-testid=workflow-input][data-name=timeout]");

        Assert.Equal("90", timeout.QuerySelector("[data-testid=duration-amount]")!.GetAttribute("value"));
        Assert.Equal("seconds", timeout.QuerySelector("[data-testid=duration-unit]")!.TextContent.Trim());
        Assert.Null(timeout.QuerySelector("[data-testid=mode-switch]"));

        panel.Find("[data-testid=workflow-input][data-name=timeout] [data-testid=duration-amount]").Change("45");

        Assert.Equal("00:00:45", document.Definition.Inputs[0].Default?.GetValue<string>());
        Assert.True(DurationRule.TryRead(document.Definition.Inputs[0].Default, out var read, out _) && read == TimeSpan.FromSeconds(45));
    }

    [Fact]
    public void Number_and_boolean_defaults_get_a_number_field_and_a_switch_and_text_keeps_its_box()
    {
        var document = new DesignerDocument(Definition());
        var panel = Render<WorkflowProperties>(p => p.Add(c => c.Document, document));

        Assert.NotNull(panel.Find("[data-testid=workflow-variable][data-name=attempts] [data-testid=typed-default] [data-testid=number]"));
        Assert.NotNull(panel.Find("[data-testid=workflow-variable][data-name=done] [data-testid=typed-default] [data-testid=boolean]"));
        Assert.NotNull(panel.Find("[data-testid=workflow-input][data-name=note] [data-testid=variable-default]"));
        Assert.Empty(panel.FindAll("[data-testid=workflow-input][data-name=note] [data-testid=typed-default]"));
    }
}
