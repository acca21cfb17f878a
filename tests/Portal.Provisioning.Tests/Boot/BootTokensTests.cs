using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Time.Testing;
using Portal.Provisioning.Boot;

namespace Portal.Provisioning.Tests.Boot;

public sealed class BootTokensTests
{
    private static readonly Guid Deployment = Guid.Parse("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_token_names_the_deployment_it_was_issued_for()
    {
        var tokens = new BootTokens(BootTestOptions.Create(), time);

        var valid = tokens.TryValidate(tokens.Issue(Deployment, TimeSpan.FromHours(1)), out var named);

        Assert.True(valid);
        Assert.Equal(Deployment, named);
    }

    [Fact]
    public void A_token_is_URL_safe()
    {
        var token = new BootTokens(BootTestOptions.Create(), time).Issue(Deployment, TimeSpan.FromHours(1));

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
    }

    [Fact]
    public void A_token_is_valid_until_its_lifetime_ends_and_not_after()
    {
        var tokens = new BootTokens(BootTestOptions.Create(), time);
        var token = tokens.Issue(Deployment, TimeSpan.FromHours(1));

        time.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(59));
        var beforeExpiry = tokens.TryValidate(token, out _);
        time.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = tokens.TryValidate(token, out var named);

        Assert.True(beforeExpiry, "A token one second before its expiry is still valid.");
        Assert.False(atExpiry, "A token is refused from the moment it expires.");
        Assert.Equal(Guid.Empty, named);
    }

    [Fact]
    public void A_token_for_one_deployment_is_not_valid_for_another()
    {
        var tokens = new BootTokens(BootTestOptions.Create(), time);
        var token = tokens.Issue(Deployment, TimeSpan.FromHours(1));

        Assert.False(tokens.IsValidFor(token, Guid.NewGuid()));
        Assert.True(tokens.IsValidFor(token, Deployment));
    }

    [Fact]
    public void A_token_with_any_one_character_changed_is_refused()
    {
        var tokens = new BootTokens(BootTestOptions.Create(), time);
        var token = tokens.Issue(Deployment, TimeSpan.FromHours(1));

        var accepted = Enumerable.Range(0, token.Length)
            .Select(i => string.Concat(token[..i], token[i] == 'A' ? "B" : "A", token[(i + 1)..]))
            .Where(tampered => tokens.TryValidate(tampered, out _))
            .ToList();

        Assert.True(accepted.Count == 0, $"Tampered tokens accepted: {string.Join(", ", accepted)}");
    }

    [Fact]
    public void A_token_issued_with_another_key_is_refused()
    {
        var otherKey = Convert.ToBase64String(new byte[32]);
        var foreign = new BootTokens(BootTestOptions.Create(otherKey), time).Issue(Deployment, TimeSpan.FromHours(1));

        Assert.False(new BootTokens(BootTestOptions.Create(), time).TryValidate(foreign, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("////////////////////////////////////////////////////////////////////////////")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA AA")]
    public void A_malformed_token_is_refused(string? token)
    {
        Assert.False(new BootTokens(BootTestOptions.Create(), time).TryValidate(token, out _));
    }

    [Fact]
    public void A_key_shorter_than_32_bytes_is_refused()
    {
        var options = BootTestOptions.Create(Convert.ToBase64String(new byte[31]));

        Assert.Throws<ArgumentException>(() => new BootTokens(options, time));
        Assert.Contains(Validate(options), r => r.MemberNames.Contains(nameof(BootOptions.TokenKey)));
    }

    private static List<ValidationResult> Validate(BootOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
