using Portal.Domain.Library;
using Portal.Web.Library;
using Portal.Web.Library.Editing;

namespace Portal.Web.Tests.Library;

public sealed class ImageFormTests
{
    private static readonly MasterImage Debian = LibraryDemoData.Images(LibrarySeeder.DemoOwner).Single(i => i.Id == LibraryTestContext.Debian12);

    [Fact]
    public void The_editor_keeps_each_parameters_label()
    {
        var (image, errors) = ImageForm.From(Debian).ToImage();

        Assert.Empty(errors);
        Assert.Equal(Debian.Software.Parameters.Select(p => p.Label), image!.Software.Parameters.Select(p => p.Label));
    }

    [Fact]
    public void The_editor_keeps_which_secrets_the_portal_generates_and_never_marks_a_non_secret()
    {
        var form = ImageForm.From(Debian);
        Assert.Contains(form.Parameters, p => p.Name == "adminPassword" && p.Generate);
        form.Parameters.Single(p => p.Name == "hostname").Generate = true;

        var parameters = form.ToImage().Image!.Software.Parameters;

        Assert.True(parameters.Single(p => p.Name == "adminPassword").Generate);
        Assert.False(parameters.Single(p => p.Name == "hostname").Generate);
    }

    [Fact]
    public void A_typed_label_is_trimmed_and_a_blank_one_means_no_label()
    {
        var form = ImageForm.From(Debian);
        form.Parameters[0].Label = "  Server name ";
        form.Parameters[1].Label = "   ";

        var parameters = form.ToImage().Image!.Software.Parameters;

        Assert.Equal(("Server name", (string?)null), (parameters[0].Label, parameters[1].Label));
    }

    [Fact]
    public void An_empty_label_field_previews_the_name_as_words()
    {
        var row = new ImageForm.ParameterRow { Name = "ntp.servers" };

        Assert.Equal("NTP servers", row.NameAsWords);
    }
}
