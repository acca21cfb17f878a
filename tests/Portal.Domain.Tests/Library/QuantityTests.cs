using Portal.Domain.Library;

namespace Portal.Domain.Tests.Library;

public sealed class QuantityTests
{
    [Fact]
    public void Sizes_in_different_units_are_equal_when_their_bytes_are()
    {
        Assert.Equal(new Quantity(2048, ResourceUnit.MiB), new Quantity(2, ResourceUnit.GiB));
        Assert.Equal(new Quantity(1, ResourceUnit.TiB), new Quantity(1024, ResourceUnit.GiB));
        Assert.True(new Quantity(1536, ResourceUnit.MiB) < new Quantity(2, ResourceUnit.GiB));
    }

    [Fact]
    public void A_count_never_equals_a_size_of_the_same_number()
    {
        Assert.NotEqual(new Quantity(1, ResourceUnit.Count), new Quantity(1, ResourceUnit.Byte));
    }

    [Theory]
    [InlineData(2048, ResourceUnit.MiB, "2 GiB")]
    [InlineData(1536, ResourceUnit.MiB, "1.5 GiB")]
    [InlineData(512, ResourceUnit.MiB, "512 MiB")]
    [InlineData(4, ResourceUnit.Count, "4")]
    public void A_quantity_reads_in_its_largest_natural_unit(decimal value, ResourceUnit unit, string expected)
    {
        Assert.Equal(expected, new Quantity(value, unit).ToString());
    }

    [Fact]
    public void Converting_between_size_units_keeps_the_amount()
    {
        Assert.Equal(3072m, new Quantity(3, ResourceUnit.GiB).In(ResourceUnit.MiB).Value);
        Assert.Throws<InvalidOperationException>(() => new Quantity(3, ResourceUnit.Count).In(ResourceUnit.MiB));
    }
}
