using Portal.Domain.Library;
using Portal.Web.Library;

namespace Portal.Web.Tests.Library;

public sealed class LibraryDemoDataTests
{
    private static IEnumerable<(string Image, ConfigurationParameter Parameter)> DemoParameters() =>
        LibraryDemoData.Images(LibrarySeeder.DemoOwner).SelectMany(i => i.Software.Parameters.Select(p => (i.Name, p)));

    [Fact]
    public void Every_demo_parameter_has_a_label_and_help_text()
    {
        var bare = DemoParameters()
            .Where(x => string.IsNullOrWhiteSpace(x.Parameter.Label) || string.IsNullOrWhiteSpace(x.Parameter.Description))
            .Select(x => $"{x.Image}: {x.Parameter.Name}")
            .ToList();

        Assert.True(bare.Count == 0, $"Without a label or a description: {string.Join(", ", bare)}");
    }

    [Fact]
    public void Every_demo_image_is_valid_with_its_labels()
    {
        var invalid = LibraryDemoData.Images(LibrarySeeder.DemoOwner)
            .SelectMany(i => i.Validate().Select(e => $"{i.Name}: {e.Field}: {e.Message}"))
            .ToList();

        Assert.True(invalid.Count == 0, string.Join(Environment.NewLine, invalid));
    }
}
