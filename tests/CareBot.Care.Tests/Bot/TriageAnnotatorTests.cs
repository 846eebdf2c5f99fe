using CareBot.Care.Bot;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.Model;

namespace CareBot.Care.Tests.Bot;

/// <summary>The dialog sees exactly what triage found: signals by name, sentiment and priority.</summary>
public sealed class TriageAnnotatorTests
{
    private static readonly TriageAnnotator Annotator = new(new TriageService(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded()));

    [Fact]
    public async Task An_angry_shouted_complaint_with_an_email_carries_its_signals()
    {
        var annotations = await Annotator.AnnotateAsync("MY ORDER NEVER ARRIVED AND NOBODY ANSWERS!!! write to ana@example.com", CancellationToken.None);

        Assert.True(annotations.Has(SignalNames.Complaint));
        Assert.True(annotations.Has(SignalNames.Shouting));
        Assert.True(annotations.Has(SignalNames.Pii));
        Assert.False(annotations.Has(SignalNames.WantsHuman));
        Assert.True(annotations.Priority >= Priority.High);
    }

    [Fact]
    public async Task A_card_number_is_the_card_number_signal_and_an_email_is_not()
    {
        var card = await Annotator.AnnotateAsync("my card 4539 1488 0343 6467 was declined again", CancellationToken.None);
        var email = await Annotator.AnnotateAsync("my order never came, write to ana@example.com", CancellationToken.None);
        // Fails the Luhn check and is not said to be a card ("my card 4539 ... 6468" is: a card number mistyped by a digit).
        var notACard = await Annotator.AnnotateAsync("payment ref 4539 1488 0343 6468 was declined again", CancellationToken.None);
        var mistyped = await Annotator.AnnotateAsync("my card 4539 1488 0343 6468 was declined again", CancellationToken.None);

        Assert.True(card.Has(SignalNames.CardNumber));
        Assert.True(card.Has(SignalNames.Pii));
        Assert.False(email.Has(SignalNames.CardNumber));
        Assert.False(notACard.Has(SignalNames.CardNumber));
        Assert.True(mistyped.Has(SignalNames.CardNumber));
    }

    [Theory]
    [InlineData("email me at jenny.parker88@example.com, nobody answered about the double charge", true)]
    [InlineData("Please call me on 07700 900123 my broadband has been down for 3 days", true)]
    [InlineData("Order never arrived to 14 Maple Street, Flat 2, Bristol BS1 4DJ", true)]
    [InlineData("order AB-123456 still hasn't arrived", false)]
    [InlineData("my card 4539 1488 0343 6467 was declined again", false)]
    [InlineData("my order never arrived", false)]
    public async Task An_email_phone_or_address_is_contact_details_and_an_order_or_card_number_is_not(string text, bool expected)
    {
        var annotations = await Annotator.AnnotateAsync(text, CancellationToken.None);

        Assert.Equal(expected, annotations.Has(SignalNames.ContactDetails));
    }

    [Fact]
    public async Task A_safety_risk_is_the_safety_signal_and_urgent()
    {
        var annotations = await Annotator.AnnotateAsync("the charger you sold me caught fire next to my son's bed", CancellationToken.None);
        var deadline = await Annotator.AnnotateAsync("I need this fixed today, my flight is at 6", CancellationToken.None);

        Assert.True(annotations.Has(SignalNames.Safety));
        Assert.Equal(Priority.Urgent, annotations.Priority);
        Assert.False(deadline.Has(SignalNames.Safety));
    }

    [Fact]
    public async Task A_friendly_thank_you_is_praise_and_thanks_only_with_positive_sentiment()
    {
        var annotations = await Annotator.AnnotateAsync("Thanks so much, the replacement arrived and it's great!", CancellationToken.None);

        Assert.Equal(["praise", "thanks"], annotations.Signals);
        Assert.Equal("positive", annotations.SentimentLabel);
        Assert.True(annotations.Sentiment > 0.5);
    }

    [Fact]
    public async Task A_question_is_the_question_signal()
    {
        var annotations = await Annotator.AnnotateAsync("Do you ship to Canada?", CancellationToken.None);

        Assert.Contains("question", annotations.Signals);
        Assert.DoesNotContain("complaint", annotations.Signals);
    }

    [Fact]
    public async Task A_greeting_alone_is_the_greeting_signal_only()
    {
        var annotations = await Annotator.AnnotateAsync("hi there 👋", CancellationToken.None);

        Assert.Equal("greeting", Assert.Single(annotations.Signals));
    }

    [Fact]
    public async Task Asking_for_a_person_is_wants_human()
    {
        var annotations = await Annotator.AnnotateAsync("Can I talk to a real person please", CancellationToken.None);

        Assert.True(annotations.Has(SignalNames.WantsHuman));
    }

    [Theory]
    [InlineData("My parcel never arrived and nobody answers the phone", "en")]
    [InlineData("Mi pedido nunca llegó y nadie contesta el teléfono, es una vergüenza", "es")]
    public async Task The_message_language_reaches_the_dialog(string text, string language)
    {
        var annotations = await Annotator.AnnotateAsync(text, CancellationToken.None);

        Assert.Equal(language, annotations.Language);
    }
}
