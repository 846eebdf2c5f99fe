using CareBot.Care.Bot;

namespace CareBot.Care.Tests.Bot;

/// <summary>
/// What is kept of a message: no card number (PCI DSS), password, PIN, CVV or one-time code; everything else word for
/// word (2026-12-07 trial: the case held a card number with its CVV, a password and a one-time code).
/// </summary>
public class SecretRedactorTests
{
    [Theory]
    [InlineData("my card 4111 1111 1111 1111 was charged twice", "my card [card ending 1111] was charged twice")]
    [InlineData("card 4111111111111111 cvv 123 exp 09/27", "card [card ending 1111] cvv [removed] exp 09/27")]
    [InlineData("my password is Sunflower2020 and it stopped working", "my password is [removed] and it stopped working")]
    [InlineData("my password Sunflower2020", "my password [removed]")]
    [InlineData("password: hunter", "password: [removed]")]
    [InlineData("I gave him the one-time code 482913", "I gave him the one-time code [removed]")]
    [InlineData("pin 1234, please help", "pin [removed], please help")]
    [InlineData("the security code was 921.", "the security code was [removed].")]
    [InlineData("its 14/03/1961 and my mothers maiden name is Patel", "its 14/03/1961 and my mothers maiden name is [removed]")]
    public void Card_numbers_and_secrets_are_taken_out(string text, string expected) =>
        Assert.Equal(expected, SecretRedactor.Redact(text));

    [Theory]
    [InlineData("my password doesn't work")]
    [InlineData("I reset my password twice and still can't log in")]
    [InlineData("I entered my pin 3 times")]
    [InlineData("order AB-123456, call me on 07700 900123")]
    [InlineData("the verification code never arrives")]
    public void Other_words_are_kept_as_they_were(string text) =>
        Assert.Equal(text, SecretRedactor.Redact(text));

    [Theory]
    [InlineData("username tina_b77 password Summer2024! what am i doing wrong", true)]
    [InlineData("my mother's maiden name is Patel", true)]
    [InlineData("I forgot my password", false)]
    [InlineData("my card was declined", false)]
    public void A_secret_is_told_apart_from_talk_about_one(string text, bool secret) =>
        Assert.Equal(secret, SecretRedactor.HasSecret(text));

    [Fact]
    public void No_text_stays_no_text() => Assert.Null(SecretRedactor.Redact(null));
}
