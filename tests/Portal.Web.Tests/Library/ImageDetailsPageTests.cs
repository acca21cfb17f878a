using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using Portal.Domain.Library;
using Portal.Provisioning;
using Portal.Web.Library;

namespace Portal.Web.Tests.Library;

public sealed class ImageDetailsPageTests : LibraryTestContext
{
    [Fact]
    public void The_matrix_says_why_a_wim_image_cannot_go_to_kvm()
    {
        SignInAsRequester();

        var page = RenderImage(WindowsWim);

        var kvm = Platform(page, KvmFrankfurt);
        Assert.Equal("false", kvm.GetAttribute("data-compatible"));
        Assert.Contains("No artifact", kvm.QuerySelector("[data-testid=reasons]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_matrix_lists_every_platform()
    {
        SignInAsRequester();

        var page = RenderImage(Debian12);

        Assert.Equal(7, page.FindAll("[data-testid=compatibility] tbody tr").Count);
    }

    [Fact]
    public void The_matrix_shows_the_conversion_rhel_needs_on_kvm()
    {
        SignInAsRequester();

        var page = RenderImage(Rhel9);

        var kvm = Platform(page, KvmFrankfurt);
        Assert.Equal("true", kvm.GetAttribute("data-compatible"));
        Assert.Equal("VMDK → qcow2", kvm.QuerySelector("[data-testid=conversion]")!.TextContent.Trim());
        Assert.Contains("V2V", kvm.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_already_in_a_platforms_format_needs_no_conversion()
    {
        SignInAsRequester();

        var page = RenderImage(Debian12);

        Assert.Equal("none needed", Platform(page, KvmFrankfurt).QuerySelector("[data-testid=conversion]")!.TextContent.Trim());
    }

    [Fact]
    public void A_secret_parameter_is_shown_as_write_only_without_a_value()
    {
        SignInAsRequester();

        var page = RenderImage(Debian12);

        var secret = page.Find("[data-testid=parameter-adminPassword]");
        Assert.Equal("secret · write-only", secret.QuerySelector("[data-testid=parameter-default]")!.TextContent.Trim());
        Assert.Equal("ops", page.Find("[data-testid=parameter-adminUser] [data-testid=parameter-default]").TextContent.Trim());
    }

    [Fact]
    public void The_hardware_template_shows_defaults_and_bounds_with_units()
    {
        SignInAsRequester();

        var page = RenderImage(Debian12);

        var memory = page.FindAll("[data-testid=requirement]").Single(r => r.TextContent.Contains("Memory", StringComparison.Ordinal));
        Assert.Equal(["Memory", "2 GiB", "1 GiB", "8 GiB", "—", "—"], memory.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void A_converted_artifact_names_the_artifact_it_came_from()
    {
        SignInAsRequester();

        var page = RenderImage(PostgreSql16);

        Assert.Equal(["original capture", "converted from raw artifact 2f000000"],
            page.FindAll("[data-testid=lineage]").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void While_the_simulated_datacenter_plays_every_platform_the_matrix_marks_each_one_simulated()
    {
        SignInAsRequester();

        var page = RenderImage(Debian12);

        Assert.All(page.FindAll("[data-testid=compatibility] tbody tr"),
            row => Assert.NotNull(row.QuerySelector("[data-testid=simulated-badge]")));
    }

    [Fact]
    public void With_real_drivers_the_matrix_marks_only_the_simulated_platforms()
    {
        Drivers.Drivers = DriverMode.Real;
        SignInAsRequester();

        var page = RenderImage(Debian12);

        Assert.Null(Platform(page, KvmFrankfurt).QuerySelector("[data-testid=simulated-badge]"));
        Assert.NotNull(Platform(page, SimulatedVirtual).QuerySelector("[data-testid=simulated-badge]"));
    }

    [Fact]
    public void The_page_names_architecture_formats_and_providers_as_people_write_them()
    {
        SignInAsRequester();

        var page = RenderImage(Debian12);

        Assert.Contains("x86-64 · boots with", page.Find("[data-testid=hardware-section]").TextContent, StringComparison.Ordinal);
        var artifact = page.Find("[data-testid=artifact]").TextContent;
        Assert.Contains("qcow2", artifact, StringComparison.Ordinal);
        Assert.Contains("via KVM", artifact, StringComparison.Ordinal);
        Assert.DoesNotContain("X86_64", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_requester_opening_a_deprecated_image_is_told_there_is_no_such_image()
    {
        SignInAsRequester();

        var page = RenderImage(CentOs7Deprecated, expectFound: false);

        Assert.Contains("No image with this id", page.Find("[data-testid=image-not-found]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=compatibility]"));
    }

    [Fact]
    public void An_admin_opens_the_deprecated_image()
    {
        SignInAsAdmin();

        var page = RenderImage(CentOs7Deprecated);

        Assert.Equal("Deprecated", page.Find("[data-testid=lifecycle]").TextContent.Trim());
    }

    [Fact]
    public void An_unknown_id_says_so_and_links_back_to_the_library()
    {
        SignInAsAdmin();

        var page = RenderImage(Guid.NewGuid(), expectFound: false);

        Assert.Contains("No image with this id", page.Markup, StringComparison.Ordinal);
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == "/library");
    }

    [Fact]
    public void A_requester_gets_no_lifecycle_buttons()
    {
        SignInAsRequester();

        var page = RenderImage(Debian12);

        Assert.Empty(page.FindAll("[data-testid=lifecycle-actions]"));
    }

    [Fact]
    public async Task An_admin_publishes_a_draft_and_then_deprecates_it()
    {
        SignInAsAdmin();
        var draft = await CreateDraftFromAsync(Debian12, "13.0-rc1");
        var page = RenderImage(draft.Id);
        Assert.Equal("Draft", page.Find("[data-testid=lifecycle]").TextContent.Trim());

        page.Find("[data-testid=publish]").Click();
        page.WaitForAssertion(() => Assert.Equal("Published", page.Find("[data-testid=lifecycle]").TextContent.Trim()), Patience);
        Assert.Empty(page.FindAll("[data-testid=publish]"));

        page.Find("[data-testid=deprecate]").Click();
        page.WaitForAssertion(() => Assert.Equal("Deprecated", page.Find("[data-testid=lifecycle]").TextContent.Trim()), Patience);

        var stored = await WithStoreAsync(store => store.FindAsync(draft.Id, CancellationToken.None));
        Assert.Equal(ImageLifecycle.Deprecated, stored?.Lifecycle);
    }

    [Fact]
    public async Task Retiring_asks_first_and_then_retires()
    {
        SignInAsAdmin();
        var draft = await CreateDraftFromAsync(Debian12, "13.0-rc2");
        var dialogs = Render<MudDialogProvider>();
        var page = RenderImage(draft.Id);

        page.Find("[data-testid=retire]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("cannot come back", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal), Patience);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Retire").Click();

        page.WaitForAssertion(() => Assert.Equal("Retired", page.Find("[data-testid=lifecycle]").TextContent.Trim()), Patience);
        Assert.Empty(page.FindAll("[data-testid=retire]"));
    }

    [Fact]
    public async Task A_refused_move_shows_why_and_the_current_state()
    {
        SignInAsAdmin();
        var draft = await CreateDraftFromAsync(Debian12, "13.0-rc3");
        var page = RenderImage(draft.Id);

        // Another admin retires it while this page still offers Publish.
        await WithStoreAsync(store => store.MoveToAsync(draft.Id, ImageLifecycle.Retired, CancellationToken.None));
        page.Find("[data-testid=publish]").Click();

        page.WaitForAssertion(() => Assert.Contains(
            "A retired image cannot become published.", page.Find("[data-testid=lifecycle-errors]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("Retired", page.Find("[data-testid=lifecycle]").TextContent.Trim());
    }

    [Fact]
    public void A_requester_sees_a_parameter_by_its_label_and_help_text_not_its_name()
    {
        SignInAsRequester();

        var row = RenderImage(Debian12).Find("[data-testid=parameter-adminPassword]");

        Assert.Equal(
            ("Administrator password", "The password of the administrator account.", 0),
            (row.QuerySelector("[data-testid=parameter-label]")!.TextContent.Trim(),
             row.QuerySelector("[data-testid=parameter-description]")!.TextContent.Trim(),
             row.QuerySelectorAll("[data-testid=parameter-name]").Length));
        Assert.DoesNotContain("adminPassword", row.QuerySelector("td")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Where_the_artifacts_are_stored_is_shown_to_admins_and_not_to_requesters()
    {
        SignInAsRequester();
        var requesterPage = RenderImage(Debian12);
        Assert.NotEmpty(requesterPage.FindAll("[data-testid=artifact]"));
        Assert.Empty(requesterPage.FindAll("[data-testid=artifact-location]"));
        Assert.DoesNotContain("file:", requesterPage.Markup, StringComparison.Ordinal);

        SignInAsAdmin();
        Assert.NotEmpty(RenderImage(Debian12).FindAll("[data-testid=artifact-location]"));
    }

    [Fact]
    public void An_admin_also_sees_the_parameter_name_in_monospace_beside_the_label()
    {
        SignInAsAdmin();

        var row = RenderImage(Debian12).Find("[data-testid=parameter-adminPassword]");

        Assert.Equal("adminPassword", row.QuerySelector("[data-testid=parameter-name] code")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_parameter_without_a_label_is_shown_by_its_name_as_words()
    {
        SignInAsAdmin();
        var source = (await WithStoreAsync(store => store.FindAsync(Debian12, CancellationToken.None)))!;
        var draft = source with
        {
            Id = Guid.NewGuid(),
            Version = "13.0-labels",
            Lifecycle = ImageLifecycle.Draft,
            Software = source.Software with { Parameters = [.. source.Software.Parameters, new() { Name = "ntp_servers" }] },
        };
        Assert.True((await WithStoreAsync(store => store.CreateAsync(draft, CancellationToken.None))).IsValid);

        var row = RenderImage(draft.Id).Find("[data-testid=parameter-ntp_servers]");

        Assert.Equal("NTP servers", row.QuerySelector("[data-testid=parameter-label]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_draft_whose_disk_awaits_its_upload_says_so_offers_the_upload_and_no_deploy()
    {
        SignInAsAdmin();
        var draft = await CreateDraftFromAsync(Debian12, "12.7-awaiting");
        var awaiting = draft with
        {
            Artifacts = [draft.Artifacts[0] with { AwaitingUpload = true, Location = PendingUploads.Location("debian-disk1.qcow2"), Sha256 = null }],
        };
        Assert.True((await WithStoreAsync(store => store.UpdateAsync(awaiting, CancellationToken.None))).IsValid);

        var page = RenderImage(draft.Id);

        Assert.Contains("not uploaded", page.Find("[data-testid=awaiting-upload]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=upload-disk]"));
        Assert.Empty(page.FindAll("[data-testid=deploy-now]"));
    }

    private IRenderedComponent<ImageDetailsPage> RenderImage(Guid id, bool expectFound = true)
    {
        var page = Render<ImageDetailsPage>(p => p.Add(i => i.Id, id));
        var marker = expectFound ? "[data-testid=image-name]" : "[data-testid=image-not-found]";
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(marker)), Patience);
        return page;
    }

    private static IElement Platform(IRenderedComponent<ImageDetailsPage> page, Guid platformId) =>
        page.Find($"[data-testid=platform-{platformId}]");
}
