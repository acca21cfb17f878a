using Portal.Domain.Library;
using Portal.Web.Library;

namespace Portal.Web.Tests.Library;

public sealed class LibraryFilterTests
{
    [Fact]
    public void Values_from_the_address_are_read_whatever_their_case()
    {
        var filter = LibraryFilter.FromQuery(" debian ", "linux", "aarch64", "physical", "deprecated", null);

        Assert.Equal(new LibraryFilter
        {
            Search = "debian",
            OsFamily = OsFamily.Linux,
            Architecture = CpuArchitecture.Aarch64,
            CapturedFrom = CaptureSource.Physical,
            Lifecycle = ImageLifecycle.Deprecated,
        }, filter);
    }

    [Fact]
    public void Unknown_or_numeric_values_in_the_address_are_ignored()
    {
        var filter = LibraryFilter.FromQuery("  ", "Solaris", "7", "both", "1", null);

        Assert.True(filter.IsEmpty, $"Expected no filter, got {filter}.");
    }

    [Fact]
    public void A_requester_query_never_includes_unpublished_images_even_with_a_lifecycle_filter()
    {
        var query = new LibraryFilter { Lifecycle = ImageLifecycle.Draft }.ToImageQuery(isAdmin: false, null, false, 0, 25);

        Assert.False(query.IncludeUnpublished);
        Assert.Null(query.Lifecycle);
    }

    [Fact]
    public void An_admin_query_includes_every_lifecycle_and_keeps_the_lifecycle_filter()
    {
        var query = new LibraryFilter { Lifecycle = ImageLifecycle.Draft }.ToImageQuery(isAdmin: true, "Version", true, 2, 10);

        Assert.Equal(new Portal.Data.Library.ImageQuery
        {
            Lifecycle = ImageLifecycle.Draft, IncludeUnpublished = true, SortBy = "Version", Descending = true, Page = 2, PageSize = 10,
        }, query);
    }

    [Fact]
    public void The_address_parameters_carry_the_filter_and_remove_what_is_unset()
    {
        var platform = Guid.NewGuid();

        var parameters = new LibraryFilter { Search = "rhel", CompatibleWith = platform }.ToQueryParameters();

        Assert.Equal("rhel", parameters[LibraryFilter.SearchKey]);
        Assert.Equal(platform, parameters[LibraryFilter.CompatibleWithKey]);
        Assert.Null(parameters[LibraryFilter.OsFamilyKey]);
    }
}
