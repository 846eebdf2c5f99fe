using CareBot.Care.Triage;

namespace CareBot.Care.Tests.Triage.Signals;

public sealed class PiiMaskerTests
{
    [Theory]
    [InlineData("write to jo.bloggs+care@mail.example.co.uk today", PiiKind.Email, "jo.bloggs+care@mail.example.co.uk")]
    [InlineData("call +44 7700 900123 please", PiiKind.Phone, "+44 7700 900123")]
    [InlineData("call (555) 123-4567 please", PiiKind.Phone, "(555) 123-4567")]
    [InlineData("card 4111 1111 1111 1111 declined", PiiKind.Card, "4111 1111 1111 1111")]
    [InlineData("card 4539-1488-0343-6467 declined", PiiKind.Card, "4539-1488-0343-6467")]
    // Mistyped by a digit (the Luhn check fails), said to be a card: still most of the card's number.
    [InlineData("my card number is 4929 1234 5678 9012 and it keeps getting declined", PiiKind.Card, "4929 1234 5678 9012")]
    [InlineData("order #48213377 late", PiiKind.OrderNumber, "48213377")]
    [InlineData("his licence number is SMITH704129JM8XY", PiiKind.OrderNumber, "SMITH704129JM8XY")]   // was missed (trial)
    [InlineData("tracking number is RML0514765190A", PiiKind.OrderNumber, "RML0514765190A")]
    [InlineData("Order number: ORD-2291734 late", PiiKind.OrderNumber, "ORD-2291734")]
    [InlineData("send it to 221 Baker Street instead", PiiKind.Address, "221 Baker Street")]
    public void Finds_each_kind_of_personal_data(string text, PiiKind kind, string value)
    {
        var span = Assert.Single(PiiMasker.Default.Find(text));

        Assert.Equal(kind, span.Kind);
        Assert.Equal(value, text.Substring(span.Start, span.Length));
    }

    [Theory]
    [InlineData("ref 4111 1111 1111 1112 declined")]
    [InlineData("the best student films at 35,000 feet! #CMFat35000feet")]      // a hashtag, not a reference              // 16 digits, fails the Luhn check, no "card" before it
    [InlineData("I waited 45 minutes for 3 items costing 12345")]
    [InlineData("In 2024 we bought 2 sofas")]
    [InlineData("3 days left to drive home")]
    public void Numbers_that_are_not_personal_data_are_left_alone(string text)
    {
        Assert.Empty(PiiMasker.Default.Find(text));
    }

    [Fact]
    public void Masking_replaces_each_span_and_keeps_the_rest()
    {
        var masked = PiiMasker.Default.Mask("Card 4111111111111111, mail a@b.io, tel 020 7946 0958.");

        Assert.Equal("Card [card ending 1111], mail [email], tel [phone].", masked);
    }

    [Fact]
    public void Luhn_check_accepts_valid_and_rejects_invalid_numbers()
    {
        Assert.True(PiiMasker.IsLuhnValid("4539 1488 0343 6467"));
        Assert.False(PiiMasker.IsLuhnValid("4539 1488 0343 6468"));
        Assert.False(PiiMasker.IsLuhnValid("1234"));
    }
}
