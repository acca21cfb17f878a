using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;
using Portal.Web.Designer.Viewer;
using Portal.Workflows.Definitions;

namespace Portal.Web.Tests.Designer.Viewer;

public sealed class TestRunFormTests : BunitContext
{
    private static readonly WorkflowDefinition Definition = new()
    {
        Id = "form",
        Name = "Form",
        Inputs =
        [
            new WorkflowInput { Name = "requestId", Type = "string", Required = true },
            new WorkflowInput { Name = "apiToken", Type = "string", Secret = true },
            new WorkflowInput { Name = "servers", Type = "number", Default = 2 },
            new WorkflowInput { Name = "physical", Type = "boolean", Default = true },
            new WorkflowInput { Name = "deploymentIds", Type = "array", Required = true },
        ],
        Activities = [new ActivityNode { Id = "start", Type = "Start" }],
    };

    private JsonObject? submitted;

    public TestRunFormTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public void Each_declared_input_gets_the_field_its_type_needs_filled_with_its_default()
    {
        var form = RenderForm();

        Assert.Equal(["Text", "Text", "Number", "Boolean", "Json"], form.FindAll("[data-testid=test-input]").Select(f => f.GetAttribute("data-kind")));
        Assert.Equal("password", Field(form, "apiToken").QuerySelector("input")!.GetAttribute("type"));
        Assert.Equal("text", Field(form, "requestId").QuerySelector("input")!.GetAttribute("type"));
        Assert.Equal(2, form.Instance.Inputs.Number("servers"));
        Assert.NotNull(Field(form, "physical").QuerySelector("input[type=checkbox]:checked"));
        Assert.Contains("JSON", Field(form, "deploymentIds").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_input_left_empty_and_json_of_the_wrong_shape_are_named_under_their_fields_and_nothing_starts()
    {
        var form = RenderForm();
        Field(form, "deploymentIds").QuerySelector("textarea")!.Change("{ \"not\": \"a list\" }");

        form.Find("[data-testid=start-test-run]").Click();

        Assert.Null(submitted);
        Assert.Contains("Required.", Field(form, "requestId").TextContent, StringComparison.Ordinal);
        Assert.Contains("Expected a JSON list", Field(form, "deploymentIds").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_inputs_are_handed_over_typed_and_an_empty_optional_input_is_left_to_its_default()
    {
        var form = RenderForm();
        Field(form, "requestId").QuerySelector("input")!.Change("r-test");
        Field(form, "servers").QuerySelector("input")!.Change("3");
        Field(form, "physical").QuerySelector("input")!.Change(false);
        Field(form, "deploymentIds").QuerySelector("textarea")!.Change("[\"d-1\", \"d-2\"]");

        form.Find("[data-testid=start-test-run]").Click();

        Assert.NotNull(submitted);
        Assert.Equal("""{"requestId":"r-test","servers":3,"physical":false,"deploymentIds":["d-1","d-2"]}""", submitted!.ToJsonString());
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<TestRunForm> form, string name) =>
        form.Find($"[data-testid=test-input][data-name={name}]");

    private IRenderedComponent<TestRunForm> RenderForm()
    {
        Render<MudPopoverProvider>();
        return Render<TestRunForm>(p => p
            .Add(x => x.Definition, Definition)
            .Add(x => x.Submitted, EventCallback.Factory.Create<JsonObject>(this, inputs => submitted = inputs)));
    }
}
