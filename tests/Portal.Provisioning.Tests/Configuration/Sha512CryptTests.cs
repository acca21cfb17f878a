using Portal.Provisioning.Configuration;

namespace Portal.Provisioning.Tests.Configuration;

public sealed class Sha512CryptTests
{
    // From Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512", the SHA-512 test vectors.
    [Theory]
    [InlineData("Hello world!", "saltstring", null, "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1")]
    [InlineData("Hello world!", "saltstringsaltstring", 10000, "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.")]
    [InlineData("This is just a test", "toolongsaltstring", 5000, "$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0")]
    [InlineData("we have a short salt string but not a short password", "short", 77777, "$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0")]
    public void Hashes_match_the_specification_vectors(string password, string salt, int? rounds, string expected) =>
        Assert.Equal(expected, Sha512Crypt.Hash(password, salt, rounds));

    [Fact]
    public void A_non_ascii_password_hashes_as_glibc_hashes_its_utf8_bytes()
    {
        // Expected value from glibc: perl -e 'print crypt("pässwörd €\$'"'"'\"\n", q{$6$rounds=100000$abcdefghijklmnop})'
        const string expected = "$6$rounds=100000$abcdefghijklmnop$AMMXoBJKZS/zQafsdYJsNAVK1YrTfDd2ETNyvCW5wMR20vwq80BSnPCBhA861ow35syY4UTuPw9u.rBnmzmQC.";

        Assert.Equal(expected, Sha512Crypt.Hash("pässwörd €$'\"\n", "abcdefghijklmnop", 100_000));
    }

    [Fact]
    public void A_new_hash_has_a_random_sixteen_character_salt_and_the_portal_rounds()
    {
        var hash = Sha512Crypt.Hash("secret");

        Assert.Matches(@"^\$6\$rounds=100000\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}\z", hash);
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time()
    {
        Assert.NotEqual(Sha512Crypt.Hash("secret"), Sha512Crypt.Hash("secret"));
    }
}
