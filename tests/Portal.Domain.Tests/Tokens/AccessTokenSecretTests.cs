using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Tokens;

namespace Portal.Domain.Tests.Tokens;

public sealed class AccessTokenSecretTests
{
    [Fact]
    public void A_new_token_parses_back_to_its_id_and_matches_only_its_own_hash()
    {
        var token = AccessTokenSecret.New();
        var parsed = AccessTokenSecret.Parse(token.Text);

        Assert.NotNull(parsed);
        Assert.Equal(token.Id, parsed.Id);
        Assert.True(parsed.Matches(token.Hash));
        Assert.False(parsed.Matches(AccessTokenSecret.New().Hash));
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(token.Text[(4 + AccessTokenSecret.IdLength + 1)..])), token.Hash);
    }

    [Fact]
    public void Two_new_tokens_share_neither_id_nor_secret()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => AccessTokenSecret.New()).ToList();
        Assert.Equal(100, tokens.Select(t => t.Id).Distinct().Count());
        Assert.Equal(100, tokens.Select(t => Convert.ToHexString(t.Hash)).Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ptk_")]
    [InlineData("not-a-token")]
    [InlineData("ghp_0123456789abcdef01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ptk_0123456789ABCDEF01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ptk_0123456789abcdef01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ptk_0123456789abcdef01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void Text_that_is_not_one_of_our_tokens_does_not_parse(string text) => Assert.Null(AccessTokenSecret.Parse(text));

    [Fact]
    public void Its_text_form_for_logs_is_the_public_prefix_only()
    {
        var token = AccessTokenSecret.New();
        Assert.Equal($"ptk_{token.Id}", token.ToString());
        Assert.DoesNotContain(token.Text[(4 + AccessTokenSecret.IdLength + 1)..], $"{token}");
    }
}
