using System.Text;
using CareBot.Protocol.DirectLine;

namespace CareBot.Protocol.Tests.DirectLine;

public sealed class DirectLineFileTypesTests
{
    [Theory]
    [InlineData("89504E470D0A1A0A0000000D49484452", "image/png")]
    [InlineData("FFD8FFE000104A464946", "image/jpeg")]
    [InlineData("474946383961010001", "image/gif")]
    [InlineData("474946383761010001", "image/gif")]
    [InlineData("52494646240000005745425056503820", "image/webp")]
    [InlineData("255044462D312E370A", "application/pdf")]
    public void Photos_and_pdfs_are_recognised_by_their_first_bytes(string hex, string expected) =>
        Assert.Equal(expected, DirectLineFileTypes.Recognise(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("<!DOCTYPE html><html>")]
    [InlineData("RIFF$\0\0\0WAVEfmt ")]
    [InlineData("RIFF")]
    [InlineData("GIF8")]
    [InlineData("")]
    [InlineData("PK\u0003\u0004 a zip or an Office file")]
    public void Anything_else_is_not_recognised_whatever_it_is_called(string content) =>
        Assert.Null(DirectLineFileTypes.Recognise(Encoding.Latin1.GetBytes(content)));

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("image/webp", true)]
    [InlineData("application/pdf", false)]
    public void Only_photos_are_shown_in_place(string contentType, bool inline) =>
        Assert.Equal(inline, DirectLineFileTypes.ShowsInline(contentType));
}
