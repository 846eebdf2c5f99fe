namespace CareBot.Protocol.Tests;

public sealed class LogSanitizerTests
{
    [Theory]
    [InlineData("msteams")]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("19:abc123@thread.tacv2;messageid=1732284191512")]
    [InlineData("Ana Ruíz 😀")]
    [InlineData("")]
    public void Clean_values_are_returned_as_they_are(string value)
    {
        Assert.Same(value, LogSanitizer.Sanitize(value));
    }

    [Fact]
    public void Null_stays_null()
    {
        Assert.Null(LogSanitizer.Sanitize(null));
    }

    [Theory]
    [InlineData("a\nb", "a\\u000Ab")]
    [InlineData("a\r\nFAKE ENTRY", "a\\u000D\\u000AFAKE ENTRY")]
    [InlineData("tab\there", "tab\\u0009here")]
    [InlineData("nul\0", "nul\\u0000")]
    [InlineData("esc\u001b[31mred", "esc\\u001B[31mred")]
    [InlineData("next\u0085line", "next\\u0085line")]
    [InlineData("line\u2028sep", "line\\u2028sep")]
    [InlineData("para\u2029sep", "para\\u2029sep")]
    [InlineData("txt.exe\u202Efdp", "txt.exe\\u202Efdp")]
    public void Line_breaks_control_and_invisible_characters_are_escaped(string value, string expected)
    {
        Assert.Equal(expected, LogSanitizer.Sanitize(value));
    }

    [Fact]
    public void An_unpaired_surrogate_is_escaped()
    {
        Assert.Equal("lone\\uD800half", LogSanitizer.Sanitize("lone\uD800half"));
    }

    [Fact]
    public void A_long_value_is_cut_and_says_how_much_was_cut()
    {
        var sanitized = LogSanitizer.Sanitize(new string('x', 20_000));

        Assert.Equal(new string('x', LogSanitizer.DefaultMaxLength) + "…(+19744 characters)", sanitized);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var value = new string('x', 9) + "😀" + "tail";

        var sanitized = LogSanitizer.Sanitize(value, maxLength: 10);

        Assert.Equal(new string('x', 9) + "…(+6 characters)", sanitized);
    }

    [Fact]
    public void The_cap_is_the_callers_choice()
    {
        Assert.Equal("abc…(+3 characters)", LogSanitizer.Sanitize("abcdef", maxLength: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogSanitizer.Sanitize("abc", maxLength: 0));
    }
}
