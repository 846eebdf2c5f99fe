using System.Text;
using CareBot.Meta.Webhook;

namespace CareBot.Meta.Tests.Webhook;

public sealed class MetaSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"object\":\"page\",\"entry\":[]}");

    [Fact]
    public void The_signature_Meta_computes_is_valid()
    {
        // HMAC-SHA256 of the body with the key "secret", as Meta documents it (sha256= and lowercase hex).
        var header = MetaSignature.Sign(Body, "secret");

        Assert.StartsWith("sha256=", header, StringComparison.Ordinal);
        Assert.Equal(7 + 64, header.Length);
        Assert.True(MetaSignature.IsValid(header, Body, "secret"));
        Assert.True(MetaSignature.IsValid(header.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), Body, "secret"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha1=abcdef")]
    [InlineData("sha256=not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-he")]
    [InlineData("sha256=00")]
    public void Malformed_signatures_are_invalid(string? header) => Assert.False(MetaSignature.IsValid(header, Body, "secret"));

    [Fact]
    public void Another_secret_or_a_changed_body_is_invalid()
    {
        var header = MetaSignature.Sign(Body, "secret");

        Assert.False(MetaSignature.IsValid(header, Body, "other"));
        Assert.False(MetaSignature.IsValid(header, Encoding.UTF8.GetBytes("{\"object\":\"page\",\"entry\":[] }"), "secret"));
    }
}
