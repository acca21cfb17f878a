using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Portal.Web.Designer;
using Portal.Web.Tests.Workflows;

namespace Portal.Web.Tests.Designer;

/// <summary>Admin › Workflows over the running portal's database: importing JSON and Elsa exports.</summary>
public sealed class WorkflowsPageTests(WorkflowPortal portal) : WorkflowPagesTestContext(portal), IClassFixture<WorkflowPortal>
{
    [Fact]
    public void A_malformed_JSON_file_is_refused_with_the_line_of_the_mistake_and_nothing_is_saved()
    {
        SignInAsAdmin();
        var page = Render<WorkflowsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=workflow-link]")), Patience);

        const string broken = "{\n  \"schemaVersion\": 1,\n  \"id\": \"broken-import\"\n  \"name\": \"Broken\",\n  \"activities\": []\n}";
        page.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromText(broken, "broken.json"));

        page.WaitForAssertion(() => Assert.Contains("line 4", page.Find("[data-testid=import-errors]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("broken.json was not imported", page.Find("[data-testid=import-errors]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-workflow=broken-import]"));
    }

    [Fact]
    public void An_Elsa_export_becomes_a_draft_and_every_activity_without_an_equivalent_is_listed()
    {
        SignInAsAdmin();
        var id = UniqueId("from-elsa");
        var page = Render<WorkflowsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=workflow-link]")), Patience);

        page.FindComponents<InputFile>()[1].UploadFiles(InputFileContent.CreateFromText(ElsaExport(id), "elsa.json"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=elsa-report]")), Patience);
        var unmapped = Assert.Single(page.FindAll("[data-testid=elsa-unmapped]"));
        Assert.Contains("Elsa.SendHttpRequest", unmapped.TextContent, StringComparison.Ordinal);
        Assert.Contains("call", unmapped.TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=workflow-link][data-workflow='{id}']")), Patience);
    }

    private static string ElsaExport(string id) => $$"""
        {
          "definitionId": "{{id}}",
          "name": "Imported from Elsa",
          "root": {
            "id": "flow", "type": "Elsa.Flowchart",
            "activities": [
              { "id": "begin", "type": "Elsa.Start", "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } },
              { "id": "hello", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "hello" } },
                "metadata": { "designer": { "position": { "x": 200, "y": 0 } } } },
              { "id": "call", "type": "Elsa.SendHttpRequest", "metadata": { "designer": { "position": { "x": 400, "y": 0 } } } },
              { "id": "finish", "type": "Elsa.End", "metadata": { "designer": { "position": { "x": 600, "y": 0 } } } }
            ],
            "connections": [
              { "source": { "activity": "begin", "port": "Done" }, "target": { "activity": "hello", "port": "In" } },
              { "source": { "activity": "hello", "port": "Done" }, "target": { "activity": "call", "port": "In" } },
              { "source": { "activity": "call", "port": "Done" }, "target": { "activity": "finish", "port": "In" } }
            ]
          }
        }
        """;
}
