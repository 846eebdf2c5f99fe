using CareBot.Dialogs.Capture;

namespace CareBot.Dialogs.Tests.Capture;

public sealed class TextMatchTests
{
    [Theory]
    [InlineData("I dont have one", "don't have")]
    [InlineData("thats all", "that's all")]
    [InlineData("ok thats it thanks", "that's it")]
    [InlineData("im done", "i'm done")]
    [InlineData("I DON’T HAVE ONE", "don't have")] // the typographic apostrophe of phones
    [InlineData("I don't have one", "don't have")]
    public void A_phrase_with_an_apostrophe_also_matches_the_way_customers_type_it(string text, string phrase) =>
        Assert.True(TextMatch.ContainsPhrase(text, phrase));

    [Theory]
    [InlineData("I'll call you back", "ill")] // "ill" is a word of its own
    [InlineData("we're fine", "were")]
    [InlineData("I dont have one", "do not have")]
    [InlineData("dont", "don't have")]
    public void Leaving_out_apostrophes_never_makes_other_words(string text, string phrase) =>
        Assert.False(TextMatch.ContainsPhrase(text, phrase));

    [Theory]
    [InlineData("I dont have one")]
    [InlineData("I'll call you back")]
    [InlineData("we're fine, THANKS!")]
    [InlineData("  Need   help, please!! ")]
    [InlineData("I DON’T HAVE ONE")]
    [InlineData("hang on... one sec")]
    [InlineData("")]
    public void A_list_of_phrases_matches_as_each_phrase_does(string text)
    {
        string[] phrases = ["don't have", "ill", "were", "Need Help", " one sec", "that's all", "thanks", "hang  on", "", "help"];
        foreach (var phrase in phrases)
        {
            Assert.Equal(TextMatch.ContainsPhrase(text, phrase), TextMatch.ContainsAnyPhrase(text, [phrase]));
        }

        Assert.Equal(phrases.Any(p => TextMatch.ContainsPhrase(text, p)), TextMatch.ContainsAnyPhrase(text, phrases));
        Assert.False(TextMatch.ContainsAnyPhrase(text, []));
    }

    [Theory]
    [InlineData("dont think so", "don't", true)]
    [InlineData("don't think so", "don't", true)]
    [InlineData("I'll do it", "ill", false)]
    public void Starting_with_a_phrase_reads_apostrophes_the_same_way(string text, string phrase, bool expected) =>
        Assert.Equal(expected, TextMatch.StartsWithPhrase(text, phrase));
}
