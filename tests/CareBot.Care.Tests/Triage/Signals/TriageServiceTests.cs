using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;
using CareBot.Care.Triage.Vader;
using CareBot.Dialogs.Model;
using Moq;

namespace CareBot.Care.Tests.Triage.Signals;

/// <summary>Care signals, PII and priority on single messages, with the shipped cues and the embedded VADER.</summary>
public sealed class TriageServiceTests
{
    private static readonly TriageService Service = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded());

    private static Task<TriageResult> TriageAsync(string text) => Service.TriageAsync(text, CancellationToken.None);

    [Fact]
    public async Task The_message_vader_scores_as_zero_is_a_shouted_complaint_with_high_priority()
    {
        var result = await TriageAsync("My order never arrived and NOBODY answers the phone!!!");

        Assert.Equal(0, result.Sentiment.Vader.Compound);
        Assert.True(result.Complaint.Detected);
        Assert.Contains(result.Complaint.Reasons, r => r.StartsWith("order not delivered", StringComparison.Ordinal));
        Assert.Contains(result.Complaint.Reasons, r => r.StartsWith("no response", StringComparison.Ordinal));
        Assert.True(result.Shouting.Detected);
        Assert.Equal(Priority.High, result.Priority);
    }

    [Theory]
    [InlineData("Thanks for nothing, really.")]
    [InlineData("Great, another delayed train.")]
    [InlineData("Oh wonderful, the update broke my login.")]
    public async Task Sarcasm_is_a_complaint(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.Complaint.Detected, string.Join("; ", result.Complaint.Reasons));
    }

    [Theory]
    [InlineData("Thank you, the replacement arrived early and works perfectly!")]
    [InlineData("What time do you open on Sundays?")]
    [InlineData("Delivery was a bit late but no complaints, lovely driver.")]
    public async Task Praise_questions_and_waived_complaints_are_not_complaints(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.Complaint.Detected, string.Join("; ", result.Complaint.Reasons));
        Assert.True(result.Priority < Priority.High);
    }

    [Fact]
    public async Task A_thank_you_for_help_under_pressure_is_not_time_critical_so_it_escalates_no_case()
    {
        // A kind of thank-you real posts have: it was "high: time-critical (stranded)", which in an open case raised the
        // priority.
        var thanks = await TriageAsync("Thank you so much! Your crew did everything to get my stranded kids home. Wonderful people.");
        var stranded = await TriageAsync("I'm stranded at the airport and nobody is helping me");

        Assert.True(thanks.Praise.Detected);
        Assert.True(thanks.Urgency.Detected);
        Assert.True(thanks.Priority < Priority.High, thanks.PriorityReason);
        Assert.True(stranded.Priority >= Priority.High, stranded.PriorityReason);
    }

    [Fact]
    public async Task Shouting_by_share_of_capitals_reports_the_share()
    {
        var result = await TriageAsync("WHY DOES NOBODY EVER ANSWER");

        Assert.True(result.Shouting.Detected);
        Assert.Contains(result.Shouting.Reasons, r => r.Contains("of letters in capitals", StringComparison.Ordinal));
        Assert.True(result.Shouting.AngerIntensity > 0);
    }

    [Fact]
    public async Task Capitals_in_links_and_handles_and_a_newspaper_name_are_not_shouting_or_urgency()
    {
        // A shared news link, as real posts have: the capitals inside the link and "TODAY" made it an urgent case.
        var news = await TriageAsync("@ShopCo profits jump after record sales - USA TODAY https://t.co/ABxYZ12QRSTU");
        var handle = await TriageAsync("@KLM_UK @SFO_AIRPORT see https://t.co/ABCDEFGHJK for the photo");
        var shouted = await TriageAsync("@ShopCo I NEED MY REFUND TODAY https://t.co/ABxYZ12QRSTU");

        Assert.False(news.Shouting.Detected, string.Join("; ", news.Shouting.Reasons));
        Assert.False(news.Urgency.Detected, string.Join("; ", news.Urgency.Reasons));
        Assert.Equal(Priority.Low, news.Priority);
        Assert.False(handle.Shouting.Detected, string.Join("; ", handle.Shouting.Reasons));
        Assert.True(shouted.Shouting.Detected);
        Assert.True(shouted.Urgency.Detected);
    }

    [Fact]
    public async Task A_short_capitalised_word_is_not_shouting()
    {
        var result = await TriageAsync("OK thanks");

        Assert.False(result.Shouting.Detected);
    }

    [Theory]
    [InlineData("???")]
    [InlineData("!!!")]
    [InlineData("?!?!")]
    public async Task Marks_without_words_are_not_shouting(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.Shouting.Detected, string.Join("; ", result.Shouting.Reasons));
    }

    [Fact]
    public async Task Repeated_marks_beside_words_are_shouting()
    {
        var result = await TriageAsync("where is it???");

        Assert.True(result.Shouting.Detected);
        Assert.Contains(result.Shouting.Reasons, r => r.StartsWith("repeated \"???\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Happy_shouting_reads_less_angry_than_angry_shouting()
    {
        var happy = await TriageAsync("THANK YOU SO MUCH!!! Best present ever");
        var angry = await TriageAsync("THIS IS THE WORST SERVICE EVER!!!");

        Assert.True(happy.Shouting.Detected);
        Assert.True(angry.Shouting.AngerIntensity > happy.Shouting.AngerIntensity);
    }

    [Theory]
    [InlineData("The charger is smoking")]
    [InlineData("my heater is leaking gas")]
    [InlineData("the carbon monoxide alarm keeps going off since your engineer left")]
    [InlineData("your installer left bare wires sticking out of the wall")]
    [InlineData("the brakes failed on the motorway two days after your service")]
    [InlineData("fumes from the new sofa are making the kids dizzy")]
    [InlineData("there was no smoke but it sparked twice")]
    [InlineData("the kettle has no lid and burned me")]
    [InlineData("@AirCo my suitcase came back broken and I got food poisoning from the meal on board. Who do I write to?")]
    [InlineData("the chicken from your store made my kids really ill")]
    [InlineData("@ParcelGo my parcel smelt of gas when it arrived")]
    [InlineData("the socket smelled of burning all night")]
    [InlineData("the man in seat 12C who assaulted me should never have been let on")]
    [InlineData("a member of staff shoved me out of the door")]
    [InlineData("strong gas smell coming from the food stalls behind the main stage, please check it")]
    [InlineData("it smells like gas in the kitchen since the engineer left")]
    [InlineData("my cab driver is driving really erratically and won't slow down")]
    [InlineData("after three months of your billing mess-ups I'm ready to end it all")]
    [InlineData("the bailiffs came today and I don't want to be alive anymore")]
    [InlineData("some days I think about killing myself over this debt")]
    [InlineData("the hire car has broken down on the motorway with my baby in the back")]
    [InlineData("we're on the hard shoulder and your breakdown number goes to voicemail")]
    [InlineData("my credit card debt with you is crushing me and I can't see the point in living")]
    [InlineData("there were bits of glass in the baby food jar we bought from you")]
    [InlineData("my daughter choked on a piece of the toy that snapped off")]
    [InlineData("our puppy has been throwing up since eating your new dog biscuits")]
    [InlineData("I took a load of pills after the bailiffs came")]
    [InlineData("since the debt started I've been thinking about ending things")]
    [InlineData("honestly everyone would be better off without me")]
    [InlineData("your installer drilled a pipe and water is running down the wall into the sockets")]
    [InlineData("the battery in the e-scooter you sold me is swollen and hissing")]
    [InlineData("my nan is stuck on the stairlift halfway up")]
    [InlineData("the plug on the heater has melted")]
    [InlineData("the kettle shocked me when I switched it on")]
    public async Task A_safety_risk_is_urgent_on_its_own(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.Urgency.Detected);
        Assert.Equal(Priority.Urgent, result.Priority);
        Assert.StartsWith("urgent: safety risk", result.PriorityReason, StringComparison.Ordinal);
        Assert.StartsWith("safety risk: ", Assert.Single(result.Safety.Reasons), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("My flight leaves in 40 minutes and you still haven't rebooked me!!")]
    [InlineData("You charged me twice and my rent is due tomorrow")]
    [InlineData("Please send it immediately.")]
    [InlineData("Thank you for sorting out the gas leak so quickly, lovely engineer")]
    [InlineData("it just stopped, no smell or smoke, it won't turn on")]   // said not to be there
    [InlineData("it's not dangerous, just annoying")]
    [InlineData("no injuries thankfully, but the parcel was soaked")]
    [InlineData("without any sparks it just died")]
    [InlineData("your customer service makes me sick")]                  // a figure of speech, not food
    [InlineData("reading this made me sick to my stomach")]
    [InlineData("the app kicked me out twice today")]
    [InlineData("no gas smell or anything, the hob just won't light")]
    [InlineData("I'm dying to try the new winter menu")]                  // figures of speech, not a risk to life
    [InlineData("I could die of embarrassment, the card got declined at the till")]
    [InlineData("this hold music is killing me")]
    [InlineData("I want to end my contract early, what are the fees?")]
    [InlineData("I don't want to be here all day waiting for an engineer")]
    [InlineData("my car broke down last month and your recovery came in 40 minutes, brilliant")]
    [InlineData("found a piece of plastic in the box, what is it for?")]
    [InlineData("I choked up watching your Christmas advert")]
    [InlineData("my cat is obsessed with these treats")]
    [InlineData("The new winter menu is on fire 🔥🔥")]                  // praise and questions that read like hazards
    [InlineData("this collab sparks joy")]
    [InlineData("my heart melted seeing this advert")]
    [InlineData("Is the hotel non-smoking?")]
    [InlineData("Is there a smoking area at the festival?")]
    [InlineData("this sale is dangerous for my bank account 😂")]
    [InlineData("my wallet is bleeding after this drop lol")]
    [InlineData("the season finale shocked me, what an ending")]
    [InlineData("dropping the purple ones really hurt my feelings 😭")]
    [InlineData("wishing your driver a speedy recovery after he was injured on Saturday")]
    [InlineData("thank you to the nurses who looked after my mum in hospital, so kind")]
    [InlineData("I'm ending things with your company, close my account")]
    [InlineData("let's end things on a good note, thanks")]
    public async Task Time_pressure_and_money_are_not_a_safety_risk(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.Safety.Detected);
        Assert.Empty(result.Safety.Reasons);
    }

    [Theory]
    [InlineData("I need the invoice by Friday for my claim.")]
    [InlineData("Please send it immediately.")]
    [InlineData("Someone used my card on your site.")]
    [InlineData("@BankCo just got a text saying my card was used in Spain, I'm in Glasgow. help")]
    [InlineData("there's a £180 payment on my statement I don't recognise")]
    [InlineData("I don't recognise these three transactions from last night")]
    [InlineData("the text said my parcel was held so I put my card details in, was that you?")]
    [InlineData("my dad's oxygen concentrator keeps cutting out")]
    [InlineData("the CPAP machine stopped working and I need it tonight")]
    [InlineData("today is the last day to claim and your site is down")]   // a last day that is not a sale's
    public async Task Deadlines_immediacy_and_money_taken_are_urgent_signals(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.Urgency.Detected);
    }

    [Theory]
    [InlineData("Please cancel my subscription.", true)]
    [InlineData("I'm taking my business elsewhere.", true)]
    [InlineData("Switching to another provider next month.", true)]
    [InlineData("Can I cancel my order from this morning?", false)]
    public async Task Churn_is_about_leaving_not_about_cancelling_an_order(string text, bool churn)
    {
        var result = await TriageAsync(text);

        Assert.Equal(churn, result.Churn.Detected);
    }

    [Theory]
    [InlineData("Can I speak to a real person?")]
    [InlineData("agent")]
    [InlineData("Your bot is useless")]
    public async Task Asking_for_a_person_is_detected(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.WantsHuman.Detected);
    }

    [Theory]
    [InlineData("DM me please")]
    [InlineData("I don't want to post my address here")]
    public async Task Asking_for_privacy_is_detected(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.WantsPrivacy.Detected);
    }

    [Fact]
    public async Task Personal_data_is_found_and_masked_in_the_result()
    {
        var result = await TriageAsync("Mail me at ann@example.org about order #123456");

        Assert.Equal([PiiKind.Email, PiiKind.OrderNumber], result.Pii.Select(p => p.Kind));
        Assert.Equal("Mail me at [email] about order #****56", result.Masked);
    }

    [Fact]
    public async Task An_empty_message_has_no_signals_and_low_priority()
    {
        var result = await TriageAsync("");

        Assert.False(result.Complaint.Detected || result.Shouting.Detected || result.Urgency.Detected);
        Assert.Empty(result.Pii);
        Assert.Equal(Priority.Low, result.Priority);
    }

    [Fact]
    public async Task A_very_long_message_is_triaged()
    {
        var text = string.Concat(Enumerable.Repeat("The parcel never arrived and I am waiting. ", 2_000));

        var result = await TriageAsync(text);

        Assert.True(result.Complaint.Detected);
    }

    [Fact]
    public async Task The_sentiment_provider_result_is_used_and_the_token_forwarded()
    {
        using var cts = new CancellationTokenSource();
        var analyzer = new Mock<ISentimentAnalyzer>(MockBehavior.Strict);
        analyzer.Setup(a => a.AnalyzeAsync("meh", cts.Token)).ReturnsAsync(new SentimentResult
        {
            Label = SentimentLabel.Negative,
            Confidence = new SentimentConfidence(0, 0, 1),
            Sentences = [],
            Vader = new VaderScores(0.9, 0.1, 0, -0.9),
            Provider = "azure-language",
        });
        var service = new TriageService(analyzer.Object, TriageCueLoader.LoadEmbedded());

        var result = await service.TriageAsync("meh", cts.Token);

        Assert.Equal("azure-language", result.Sentiment.Provider);
        Assert.True(result.Complaint.Detected, "a compound at or below maxCompound is a complaint");
        Assert.Contains(result.Complaint.Reasons, r => r.StartsWith("strongly negative sentiment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Praise_then_a_problem_after_but_is_a_complaint_judged_on_the_words_after_it()
    {
        // The whole message read as praise and got "Thanks for the kind words!" in public.
        var result = await TriageAsync("Loved the hotel and the staff were amazing, but the wifi never worked once");

        Assert.True(result.Complaint.Detected);
        Assert.StartsWith("a problem after \"but\": \"the wifi never worked once\"", Assert.Single(result.Complaint.Reasons), StringComparison.Ordinal);
        Assert.False(result.Praise.Detected);
    }

    [Fact]
    public async Task Praise_then_a_small_thing_after_though_is_a_complaint_judged_on_the_words_after_it()
    {
        // It got "Thank you, that's kind of you!" and the chat ended: the bug never reached the team.
        var result = await TriageAsync("Love the new app, honestly so much better! Tiny thing though: in dark mode the balance text is dark grey on black so I can't read it");

        Assert.True(result.Complaint.Detected);
        Assert.StartsWith("a problem after \"Tiny thing though\": \"in dark mode", Assert.Single(result.Complaint.Reasons), StringComparison.Ordinal);
        Assert.False(result.Praise.Detected);
    }

    [Theory]
    [InlineData("pricey but worth every penny")]
    [InlineData("Amazing crew, brilliant flight, but wow")]
    public async Task A_but_before_the_praise_or_with_too_little_after_it_stays_praise(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.Complaint.Detected, string.Join("; ", result.Complaint.Reasons));
        Assert.True(result.Praise.Detected);
    }

    [Theory]
    [InlineData("@brand you guys are killing it with this new range")]
    [InlineData("Thank you so much, the team were brilliant and the service was excellent!")]
    public async Task A_strongly_negative_compound_is_no_complaint_when_the_care_model_is_sure_of_praise(string text)
    {
        // VADER's word list reads slang praise as strongly negative ("killing" -0.66): it got a public apology.
        var result = await Negative(text);

        Assert.False(result.Complaint.Detected, string.Join("; ", result.Complaint.Reasons));
        Assert.True(result.Praise.Detected);
    }

    [Theory]
    [InlineData("meh")]
    [InlineData("Thank you so much, the team were brilliant but my parcel never arrived")]
    public async Task A_strongly_negative_compound_or_a_cue_still_makes_a_complaint_when_the_model_finds_no_praise(string text)
    {
        var result = await Negative(text);

        Assert.True(result.Complaint.Detected);
        Assert.False(result.Praise.Detected);
    }

    /// <summary>Triage of <paramref name="text"/> with a sentiment provider that scores it strongly negative (-0.9).</summary>
    private static Task<TriageResult> Negative(string text)
    {
        var analyzer = new Mock<ISentimentAnalyzer>();
        analyzer.Setup(a => a.AnalyzeAsync(text, It.IsAny<CancellationToken>())).ReturnsAsync(new SentimentResult
        {
            Label = SentimentLabel.Negative,
            Confidence = new SentimentConfidence(0, 0, 1),
            Sentences = [],
            Vader = new VaderScores(0.9, 0.1, 0, -0.9),
            Provider = "test",
        });
        return new TriageService(analyzer.Object, TriageCueLoader.LoadEmbedded()).TriageAsync(text, CancellationToken.None);
    }

    [Fact]
    public async Task A_failing_provider_surfaces_its_exception()
    {
        var analyzer = new Mock<ISentimentAnalyzer>();
        analyzer.Setup(a => a.AnalyzeAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException());
        var service = new TriageService(analyzer.Object, TriageCueLoader.LoadEmbedded());

        await Assert.ThrowsAsync<OperationCanceledException>(() => service.TriageAsync("hi", CancellationToken.None));
    }

    [Fact]
    public async Task Html_character_references_are_read_as_their_characters_and_personal_data_is_masked_in_the_text_as_received()
    {
        const string text = "we spent the night in A&amp;E because of your heater, order #48213377";

        var result = await TriageAsync(text);

        Assert.Contains(result.Complaint.Reasons, r => r.StartsWith("safety problem", StringComparison.Ordinal) && r.Contains("in A&E\"", StringComparison.Ordinal));
        Assert.Equal(Priority.Urgent, result.Priority);
        var order = Assert.Single(result.Pii);
        Assert.Equal("48213377", text.Substring(order.Start, order.Length));
        Assert.Equal(text, result.Text);
        Assert.Equal("we spent the night in A&amp;E because of your heater, order #******77", result.Masked);
    }
}
