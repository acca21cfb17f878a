using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Bunit;
using Portal.Web.Designer;
using Portal.Web.Designer.Properties;
using Portal.Workflows.Activities;
using Portal.Workflows.Definitions;

namespace Portal.Web.Tests.Designer;

/// <summary>The property panel's field for one input: the right MudBlazor field per type, the literal/expression switch, messages.</summary>
public sealed class InputFieldTests : DesignerTestContext
{
    [Theory]
    [InlineData("string", null, "text")]
    [InlineData("string", "multiline", "text")]
    [InlineData("number", null, "number")]
    [InlineData("boolean", null, "boolean")]
    [InlineData("duration", null, "duration")]
    [InlineData("string", "choice:kvm,hyperv,vsphere", "choice")]
    [InlineData("array", "roles", "roles")]
    [InlineData("array", "users", "users")]
    [InlineData("object", null, "json")]
    public void Each_input_type_gets_its_own_field(string type, string? hint, string field)
    {
        var input = Render(new ActivityInputDescriptor("x", type, UiHint: hint));

        Assert.Equal("literal", input.Find("[data-testid=input]").GetAttribute("data-mode"));
        Assert.NotNull(input.Find($"[data-testid={field}]"));
        var others = new[] { "text", "number", "boolean", "duration", "choice", "roles", "users", "json" }.Where(f => f != field);
        Assert.All(others, other => Assert.Empty(input.FindAll($"[data-testid={other}]")));
    }

    [Fact]
    public void A_multiline_text_is_a_text_area()
    {
        var input = Render(new ActivityInputDescriptor("note", "string", UiHint: "multiline"));

        Assert.NotNull(input.Find("textarea[data-testid=text]"));
    }

    [Fact]
    public void Typing_a_number_stores_a_number_literal()
    {
        InputValue? stored = null;
        var input = Render(new ActivityInputDescriptor("count", "number"), changed: v => stored = v);

        input.Find("[data-testid=number]").Change("42");

        Assert.Equal("42", stored?.Value?.ToJsonString());
        Assert.False(stored!.IsExpression);
    }

    [Fact]
    public void A_switch_stores_true_or_false()
    {
        InputValue? stored = null;
        var input = Render(new ActivityInputDescriptor("force", "boolean"), changed: v => stored = v);

        input.Find("[data-testid=boolean]").Change(true);

        Assert.True(stored?.Value?.GetValue<bool>());
    }

    [Fact]
    public void A_duration_always_shows_its_unit_and_reads_back_in_its_largest_whole_unit()
    {
        var input = Render(new ActivityInputDescriptor("duration", "duration"), InputValue.Literal(JsonValue.Create("3.00:00:00")));

        Assert.Equal("3", input.Find("[data-testid=duration-amount]").GetAttribute("value"));
        Assert.Equal("days", UnitShown(input));
    }

    [Fact]
    public void A_bare_number_of_an_existing_definition_is_shown_as_seconds_never_days()
    {
        var input = Render(new ActivityInputDescriptor("duration", "duration"), InputValue.Literal(JsonValue.Create(90)));

        Assert.Equal("90", input.Find("[data-testid=duration-amount]").GetAttribute("value"));
        Assert.Equal("seconds", UnitShown(input));
    }

    [Fact]
    public void An_amount_typed_with_the_default_unit_is_stored_as_a_time_span_in_that_unit()
    {
        InputValue? stored = null;
        var input = Render(new ActivityInputDescriptor("duration", "duration"), changed: v => stored = v);

        Assert.Equal("minutes", UnitShown(input));
        input.Find("[data-testid=duration-amount]").Change("5");

        Assert.Equal("00:05:00", stored?.Value?.GetValue<string>());
    }

    [Fact]
    public void A_choice_offers_exactly_the_choices_of_its_hint()
    {
        var popovers = RenderPopovers();
        var input = Render(new ActivityInputDescriptor("platform", "string", UiHint: "choice:kvm,hyperv,vsphere"));

        input.Find("[data-testid=choice]").Closest(".mud-input-control")!.MouseDown();

        popovers.WaitForAssertion(() => Assert.Equal(
            ["kvm", "hyperv", "vsphere"],
            popovers.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim())), Patience);
    }

    [Fact]
    public void Switching_to_an_expression_turns_the_literal_into_its_JavaScript_and_lists_what_is_in_scope()
    {
        InputValue? stored = null;
        var scope = new ExpressionScopeHints(["requestId"], ["attempts"], ["approve"]);
        var input = Render(new ActivityInputDescriptor("name", "string"), InputValue.Literal(JsonValue.Create("web-01")), v => stored = v, scope);

        ModeButton(input, "fx").Click();

        Assert.Equal("\"web-01\"", stored?.Expression);
        Assert.Equal("expression", input.Find("[data-testid=input]").GetAttribute("data-mode"));
        Assert.Equal(
            ["input.requestId", "variables.attempts", "outputs.approve"],
            input.FindAll("[data-testid=scope-item]").Select(i => i.TextContent.Trim()));
        Assert.Contains("designer-code", input.Find("[data-testid=expression]").Closest(".mud-input-control")!.ClassList);
    }

    [Fact]
    public void Switching_back_turns_an_expression_that_is_only_a_literal_into_that_literal()
    {
        InputValue? stored = null;
        var input = Render(new ActivityInputDescriptor("count", "number"), InputValue.Script("3"), v => stored = v);
        Assert.Equal("expression", input.Find("[data-testid=input]").GetAttribute("data-mode"));

        ModeButton(input, "Value").Click();

        Assert.False(stored!.IsExpression);
        Assert.Equal("3", stored.Value!.ToJsonString());
    }

    [Fact]
    public void Validation_messages_of_the_input_are_shown_under_it()
    {
        var input = Render<InputField>(p => p
            .Add(c => c.Input, new ActivityInputDescriptor("duration", "duration", Required: true))
            .Add(c => c.Errors, ["'duration' is required."]));

        Assert.Equal(["'duration' is required."], input.FindAll("[data-testid=input-error]").Select(e => e.TextContent.Trim()));
    }

    private IRenderedComponent<InputField> Render(
        ActivityInputDescriptor descriptor, InputValue? value = null, Action<InputValue?>? changed = null, ExpressionScopeHints? scope = null) =>
        Render<InputField>(p => p
            .Add(c => c.Input, descriptor)
            .Add(c => c.Value, value)
            .Add(c => c.ValueChanged, v => changed?.Invoke(v))
            .Add(c => c.Scope, scope ?? new ExpressionScopeHints([], [], [])));

    private static string UnitShown(IRenderedComponent<InputField> input) =>
        input.Find("[data-testid=duration-unit]").TextContent.Trim();

    private static IElement ModeButton(IRenderedComponent<InputField> input, string text) =>
        input.FindAll("[data-testid=mode-switch] .mud-toggle-item").Single(b => b.TextContent.Trim() == text);
}
