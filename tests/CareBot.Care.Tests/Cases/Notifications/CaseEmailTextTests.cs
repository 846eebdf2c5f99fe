using CareBot.Care.Cases.Notifications;

namespace CareBot.Care.Tests.Cases.Notifications;

public sealed class CaseEmailTextTests
{
    [Fact]
    public void Short_text_is_left_alone()
    {
        Assert.Equal("The blender arrived broken", CaseEmailText.Shorten("The blender arrived broken", 60));
    }

    [Fact]
    public void Text_of_exactly_the_limit_gets_no_ellipsis()
    {
        var text = new string('a', 60);

        Assert.Equal(text, CaseEmailText.Shorten(text, 60));
    }

    [Fact]
    public void Long_text_is_cut_on_a_word_boundary_with_an_ellipsis()
    {
        var text = "My brand new blender arrived completely broken and nobody answers the phone at all";

        var shortened = CaseEmailText.Shorten(text, 60);

        Assert.Equal("My brand new blender arrived completely broken and nobody\u2026", shortened);
        Assert.True(shortened.Length <= 61);
    }

    [Fact]
    public void Punctuation_before_the_cut_is_dropped()
    {
        Assert.Equal("one two, three\u2026", CaseEmailText.Shorten("one two, three, four five", 15));
    }

    [Fact]
    public void A_single_long_word_is_cut_at_the_limit()
    {
        var text = new string('x', 100);

        Assert.Equal(new string('x', 60) + "\u2026", CaseEmailText.Shorten(text, 60));
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var text = new string('x', 9) + "\U0001F621" + "yyyy";

        var shortened = CaseEmailText.Shorten(text, 10);

        Assert.Equal(new string('x', 9) + "\u2026", shortened);
    }

    [Theory]
    [InlineData("http://localhost:3978/agent", "http://localhost:3978/agent/cases/C-1042")]
    [InlineData("http://localhost:3978/agent/", "http://localhost:3978/agent/cases/C-1042")]
    [InlineData("https://care.example//", "https://care.example/cases/C-1042")]
    [InlineData(" https://care.example/console ", "https://care.example/console/cases/C-1042")]
    public void The_console_link_joins_base_and_case_with_one_slash(string consoleUrl, string expected)
    {
        Assert.Equal(expected, CaseEmailText.ConsoleLink(consoleUrl, "C-1042"));
    }

    [Theory]
    [InlineData(-0.8125, "-0.81")]
    [InlineData(0.25, "+0.25")]
    [InlineData(0.0, "0.00")]
    [InlineData(1.0, "+1.00")]
    public void Compound_scores_have_two_decimals_and_a_sign(double compound, string expected)
    {
        Assert.Equal(expected, CaseEmailText.Compound(compound));
    }

    [Fact]
    public void Times_are_utc_iso_to_the_second()
    {
        var at = new DateTimeOffset(2026, 11, 2, 10, 15, 30, TimeSpan.FromHours(1));

        Assert.Equal("2026-11-02T09:15:30Z", CaseEmailText.Utc(at));
    }
}
