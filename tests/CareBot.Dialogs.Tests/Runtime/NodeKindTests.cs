using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.ScriptTests;
using CareBot.Dialogs.Validation;

namespace CareBot.Dialogs.Tests.Runtime;

/// <summary>Each node kind, through the runtime, in transcript form.</summary>
public class NodeKindTests
{
    private static TriageAnnotations Signals(params string[] names) =>
        TriageAnnotations.None with { Signals = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase) };

    [Fact]
    public void Say_FillsPlaceholders_AndMovesOn()
    {
        var driver = TestScripts.Driver("""
            dialog: t
            brand: Contoso
            start: hi
            nodes:
              - id: hi
                say: "Hi {user.name}, this is {brand.name} about case {case.id}."
                next: bye
              - id: bye
                end: "Bye {user.name}"
            """);
        driver.UserName = "Ana";

        var turn = driver.Say("hello");

        Assert.Equal(["Hi Ana, this is Contoso about case C-1001.", "Bye Ana"], turn.Texts());
        Assert.Equal(DialogStatus.Ended, turn.State.Status);
        Assert.IsType<EndEffect>(Assert.Single(turn.Effects));
    }

    [Fact]
    public void End_True_EndsWithoutAGoodbye_WhileAQuotedTrueIsSaid()
    {
        var flag = TestScripts.Driver("dialog: t\nstart: a\nnodes:\n  - id: a\n    say: \"Bye now.\"\n    next: b\n  - id: b\n    end: true\n");
        var text = TestScripts.Driver("dialog: t\nstart: a\nnodes:\n  - id: a\n    end: \"true\"\n");

        var ended = flag.Say("hi");

        Assert.Equal(["Bye now."], ended.Texts());
        Assert.Equal(DialogStatus.Ended, ended.State.Status);
        Assert.Equal(["true"], text.Say("hi").Texts());
    }

    [Fact]
    public void Say_BrandFromTheHost_WinsOverTheScript()
    {
        var driver = TestScripts.Driver("dialog: t\nbrand: Contoso\nstart: a\nnodes:\n  - id: a\n    end: \"{brand.name}\"\n");

        var turn = driver.Send(new TurnInput { Text = "x", BrandName = "Fabrikam" });

        Assert.Equal(["Fabrikam"], turn.Texts());
    }

    private const string AskScript = """
        dialog: t
        start: ask
        nodes:
          - id: ask
            ask: "Your email?"
            capture: email
            type: email
            retry: ["Not an email, try again.", "Still not an email."]
            max_attempts: 3
            decline: [rather not]
            fallback: none
            next: thanks
          - id: none
            end: "Fine, no email."
          - id: thanks
            end: "Thanks, {captured.email}."
        """;

    [Fact]
    public void Ask_PromptsThenCapturesATypedValue()
    {
        var driver = TestScripts.Driver(AskScript);

        Assert.Equal(["Your email?"], driver.Say("hi").Texts());
        var turn = driver.Say("Sam@Example.com");

        Assert.Equal(["Thanks, sam@example.com."], turn.Texts());
        var value = turn.State.Captured["email"];
        Assert.Equal(new CapturedValue(CaptureType.Email, "sam@example.com"), value);
    }

    [Fact]
    public void Ask_RetriesThenFallsBackAfterMaxAttempts()
    {
        var driver = TestScripts.Driver(AskScript);
        driver.Say("hi");

        Assert.Equal(["Not an email, try again."], driver.Say("nope@").Texts());
        Assert.Equal(1, driver.CurrentState!.Attempts);
        Assert.Equal(["Still not an email."], driver.Say("still no").Texts());
        Assert.Equal(["Fine, no email."], driver.Say("x").Texts());
        Assert.False(driver.CurrentState!.Captured.ContainsKey("email"));
    }

    [Fact]
    public void Ask_DeclineGoesStraightToTheFallback()
    {
        var driver = TestScripts.Driver(AskScript);
        driver.Say("hi");

        Assert.Equal(["Fine, no email."], driver.Say("I'd rather not say").Texts());
    }

    [Fact]
    public void Ask_SkipsWhenAlreadyCaptured_OnlyWhenAskedTo()
    {
        var yaml = """
            dialog: t
            start: spot
            nodes:
              - id: spot
                extract: order
                type: order_number
                next: ask
              - id: ask
                ask: "Order number?"
                capture: order
                type: order_number
                skip_if_captured: true
                next: done
              - id: done
                end: "Order {captured.order}"
            """;

        Assert.Equal(["Order AB-123456"], TestScripts.Driver(yaml).Say("it's ab-123456").Texts());
        Assert.Equal(["Order number?"], TestScripts.Driver(yaml).Say("where is it").Texts());
    }

    [Fact]
    public void Extract_Append_AddsToTheKeptText_WhileWithoutItTheTextIsReplaced()
    {
        const string Yaml = """
            dialog: t
            start: first
            nodes:
              - id: first
                extract: story
                type: text
                next: wait
              - id: wait
                ask: "More?"
                capture: more
                type: text
                next: again
              - id: again
                extract: story
                type: text
                append: APPEND
                next: done
              - id: done
                end: "ok"
            """;
        var appending = TestScripts.Driver(Yaml.Replace("APPEND", "true", StringComparison.Ordinal));
        var replacing = TestScripts.Driver(Yaml.Replace("APPEND", "false", StringComparison.Ordinal));

        appending.Say("charged twice");
        appending.Say("it was £64.20");
        replacing.Say("charged twice");
        replacing.Say("it was £64.20");

        Assert.Equal("charged twice\nit was £64.20", appending.CurrentState!.Captured["story"].Text);
        Assert.Equal("it was £64.20", replacing.CurrentState!.Captured["story"].Text);
    }

    [Theory]
    [InlineData("AB-123456, and the driver swore at my daughter", true)]
    [InlineData("no order number, but you took £89.99 from my card twice", true)]
    [InlineData("AB-123456", false)]
    [InlineData("it's AB-123456 sorry", false)]
    [InlineData("I don't have one, sorry", false)]
    [InlineData("no thanks, I'd rather not say", false)]
    [InlineData("I don't have one. There is a number on the letter, it is 300 551 2876", true)]   // the number says more
    [InlineData("here it is AB-123456 [photo: slip.jpg https://files.example/slip.jpg]", false)]
    public void Ask_AddRestTo_KeepsAnAnswerThatSaysMore_AndNotAPlainAnswerOrRefusal(string answer, bool kept)
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: ask
            nodes:
              - id: ask
                ask: "Order number?"
                capture: order
                type: order_number
                decline: ["no order", "don't have", "rather not"]
                add_rest_to: story
                next: done
              - id: done
                end: "ok"
            """);
        driver.Say("hi");

        driver.Say(answer);

        Assert.Equal(kept ? answer : null, driver.CurrentState!.Captured.GetValueOrDefault("story")?.Text);
    }

    [Fact]
    public void Ask_AddRestTo_AddsToTheStoryKeptSoFar_AndAnAnswerTheParserRewroteIsOnlyTheAnswer()
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: story
            nodes:
              - id: story
                extract: story
                type: text
                next: ask
              - id: ask
                ask: "Email?"
                capture: email
                type: email
                add_rest_to: story
                next: again
              - id: again
                ask: "Email again?"
                capture: email2
                type: email
                add_rest_to: story
                next: done
              - id: done
                end: "ok"
            """);
        driver.Say("charged twice");

        driver.Say("sam@example.com and I'm going to the ombudsman this week");
        driver.Say("sam at example dot com");

        Assert.Equal("charged twice\nsam@example.com and I'm going to the ombudsman this week", driver.CurrentState!.Captured["story"].Text);
    }

    [Fact]
    public void Ask_RatingRequestsARecordRatingEffect()
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: r
            nodes:
              - id: r
                ask: "1-5?"
                capture: rating
                type: rating
                next: e
              - id: e
                end: ~
            """);
        driver.Say("hi");

        var turn = driver.Say("4 out of 5");

        Assert.Contains(new RecordRatingEffect(4), turn.Effects);
    }

    private const string ListenScript = """
        dialog: t
        start: vent
        nodes:
          - id: vent
            listen: "Tell me everything."
            acknowledge: ["I hear you.", "Go on."]
            done_words: ["that's all"]
            max_messages: 3
            capture: story
            next: after
          - id: after
            end: "Thanks for telling me."
        """;

    [Fact]
    public void Listen_AcknowledgesEachMessageWithVariants_UntilTheCustomerIsDone()
    {
        var driver = TestScripts.Driver(ListenScript);

        Assert.Equal(["Tell me everything."], driver.Say("hi").Texts());
        Assert.Equal(["I hear you."], driver.Say("It was late.").Texts());
        Assert.Equal(["Go on."], driver.Say("And broken.").Texts());
        var end = driver.Say("That's all.");

        Assert.Equal(["Thanks for telling me."], end.Texts());
        Assert.Equal("It was late.\nAnd broken.", end.State.Captured["story"].Text);
    }

    [Theory]
    [InlineData("no", true)]
    [InlineData("Nope!", true)]
    [InlineData("no thanks", true)]
    [InlineData("no one called me back", false)]   // a story that starts with "no"
    [InlineData("nothing works", false)]
    public void Listen_ABareNoIsTheEndOfTheStory_NotMoreOfIt(string message, bool done)
    {
        var driver = TestScripts.Driver(ListenScript);
        driver.Say("hi");
        driver.Say("It was late.");

        var turn = driver.Say(message);

        Assert.Equal(done ? "Thanks for telling me." : "Go on.", Assert.Single(turn.Texts()));
        Assert.Equal(done ? "It was late." : "It was late.\n" + message, turn.State.Captured["story"].Text);
    }

    [Theory]
    [InlineData("that's all", "It was late.")]
    [InlineData("that's all, thanks", "It was late.")]
    [InlineData("that's all. when will my money be back?", "It was late.\nthat's all. when will my money be back?")]
    public void Listen_ADoneWordEndsTheStory_ButWhatElseItSaysIsKept(string message, string story)
    {
        var driver = TestScripts.Driver(ListenScript);
        driver.Say("hi");
        driver.Say("It was late.");

        var turn = driver.Say(message);

        Assert.Equal(["Thanks for telling me."], turn.Texts());
        Assert.Equal(story, turn.State.Captured["story"].Text);
    }

    [Fact]
    public void Listen_MovesOnAfterMaxMessages()
    {
        var driver = TestScripts.Driver(ListenScript);
        driver.Say("hi");
        driver.Say("one");
        driver.Say("two");

        Assert.Equal(["Thanks for telling me."], driver.Say("three").Texts());
    }

    [Fact]
    public void Listen_KeepsSpottedValuesSilently_WithoutOverwritingKnownOnes()
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: vent
            nodes:
              - id: vent
                listen: "Tell me everything."
                acknowledge: ["I hear you."]
                max_messages: 5
                spot: { order: order_number, email: email }
                next: after
              - id: after
                end: "Thanks."
            """);
        driver.Say("hi");

        var first = driver.Say("order AB-123456 never came, mail me at kim@example.com");
        var second = driver.Say("or was it AB-999999? and kim@work.example");

        Assert.Equal(["I hear you."], first.Texts());
        Assert.Equal("AB-123456", second.State.Captured["order"].Text);
        Assert.Equal("kim@example.com", second.State.Captured["email"].Text);
    }

    [Theory]
    [InlineData("I don't have it, my email is kim@example.com", "no_order")]   // declined
    [InlineData("AB-123456, and kim@example.com", "got")]                     // answered
    [InlineData("it's under kim@example.com", "no_order")]                    // answered another way: passes on it
    public void Ask_KeepsSpottedValuesFromAnyAnswer(string answer, string reached)
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: order
            nodes:
              - id: order
                ask: "Order number?"
                capture: order
                type: order_number
                decline: ["don't have"]
                spot: { email: email }
                fallback: no_order
                next: got
              - id: got
                end: "Got it."
              - id: no_order
                end: "No problem."
            """);
        driver.Say("hi");

        var turn = driver.Say(answer);

        Assert.Equal("kim@example.com", turn.State.Captured["email"].Text);
        Assert.Equal(DialogStatus.Ended, turn.State.Status);
        Assert.Equal(reached == "got" ? "Got it." : "No problem.", Assert.Single(turn.Texts()));
    }

    [Theory]
    [InlineData("call me on 07700 900123", "email", "Passed on.", true)]        // a phone can't be a mistyped email: passes on it
    [InlineData("1234567", "order_number", "Your answer?", false)]              // at the order question it is a mistyped number
    // Said to be a phone ("could someone ring me instead, 07700 900312"): how they want to be reached, so the question is
    // passed on; it got "I've added that for our team" and the order question again.
    [InlineData("no idea, call me on 07700 900123", "order_number", "Passed on.", true)]
    public void Ask_APhoneNumberStandsInForTheAnswer_OnlyWhereItCannotBeAMistypedOne(string answer, string type, string reply, bool kept)
    {
        var driver = TestScripts.Driver($$"""
            dialog: t
            start: ask
            nodes:
              - id: ask
                ask: "Your answer?"
                capture: answer
                type: {{type}}
                spot: { phone: phone }
                fallback: none
                next: none
              - id: none
                end: "Passed on."
            """);
        driver.Say("hi");

        var turn = driver.Say(answer);

        Assert.Equal(reply, Assert.Single(turn.Texts()));
        Assert.Equal(reply == "Passed on.", turn.State.Declined.Contains("answer"));
        Assert.Equal(kept, turn.State.Captured.ContainsKey("phone"));
    }

    [Fact]
    public void Ask_AQuestionPassedOnIsNotAskedAgain_UntilTheDialogStartsOver()
    {
        // Two dialogs asking for the same value, as care.yaml's "What's your order number?" and details.yaml's.
        var registry = TestScripts.Registry(
            ("main.yaml", """
                dialog: main
                start: order
                nodes:
                  - id: order
                    ask: "What's your order number?"
                    capture: order
                    type: order_number
                    decline: ["don't know"]
                    fallback: details
                    next: details
                  - id: details
                    call: sub
                    next: done
                  - id: done
                    end: "Passed on."
                """),
            ("sub.yaml", """
                dialog: sub
                start: order_again
                nodes:
                  - id: order_again
                    ask: "Do you have an order number?"
                    capture: order
                    type: order_number
                    skip_if_captured: true
                    max_attempts: 2
                    fallback: email
                    next: email
                  - id: email
                    ask: "Email?"
                    capture: email
                    type: email
                    next: end
                  - id: end
                    end: ~
                """));
        var driver = new CareBot.Dialogs.ScriptTests.ConversationDriver(new DialogRuntime(registry), "main");
        driver.Say("where is my parcel");

        Assert.Equal(["Email?"], driver.Say("I dont know it").Texts());
        Assert.Equal(["Passed on."], driver.Say("kim@example.com").Texts());
        Assert.Equal(["order"], driver.CurrentState!.Declined);
        var again = driver.Say("me again, another parcel");
        Assert.Equal(["What's your order number?"], again.Texts());
        Assert.Empty(again.State.Declined);
    }

    [Theory]
    [InlineData("{ type: regex, pattern: 'K\\d{4}' }", null)]
    [InlineData("{ type: regex }", "no 'pattern'")]
    [InlineData("{ type: choice }", "not a pattern")]
    [InlineData("regex", "without its pattern")]
    public void Listen_SpotsAValueOfTheBrandsOwnShape_GivenAsAPattern(string spot, string? error)
    {
        var yaml = $$"""
            dialog: t
            start: vent
            nodes:
              - id: vent
                listen: []
                acknowledge: ["I hear you."]
                noted: ["Noted, thanks."]
                spot: { member: {{spot}} }
                next: done
              - id: done
                end: ~
            """;
        if (error is not null)
        {
            Assert.Contains(TestScripts.Errors(yaml), d => d.Message.Contains(error, StringComparison.Ordinal));
            return;
        }

        var driver = TestScripts.Driver(yaml);
        driver.Say("hi");
        var turn = driver.Say("member K1234");

        Assert.Equal(["Noted, thanks."], turn.Texts());
        Assert.Equal("K1234", turn.State.Captured["member"].Text);
    }

    [Theory]
    [InlineData("AB-123456", true)]
    [InlineData("my order is AB-123456", true)]
    [InlineData("Kim@Example.com", true)]
    [InlineData("phone: 07700 900123", true)]
    [InlineData("my order number is AB-123456", true)]          // the words that frame a detail are not a story
    [InlineData("here's my email address: kim@example.com", true)]
    [InlineData("you can reach me on 07700 900123", true)]
    [InlineData("AB-123456 and it's been three weeks now", false)]
    [InlineData("order AB-123456 never came and nobody answers", false)]
    [InlineData("It was late.", false)]
    public void Listen_AMessageThatOnlyGivesASpottedValue_IsNoted_NotPitied(string message, bool noted)
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: vent
            nodes:
              - id: vent
                listen: "Tell me everything."
                acknowledge: ["I hear you."]
                noted: ["Noted, thanks."]
                max_messages: 5
                spot: { order: order_number, email: email, phone: phone }
                next: after
              - id: after
                end: "Thanks."
            """);
        driver.Say("hi");

        var reply = driver.Say(message);

        Assert.Equal([noted ? "Noted, thanks." : "I hear you."], reply.Texts());
    }

    private const string CalmScript = """
        dialog: t
        start: vent
        nodes:
          - id: vent
            listen: "Tell me everything."
            acknowledge: ["That sounds really frustrating."]
            acknowledge_calm: ["Thank you, that helps."]
            max_messages: 5
            next: after
          - id: after
            end: "Thanks."
        """;

    public static TheoryData<string, TriageAnnotations, string> CalmCases => new()
    {
        { "iphone 13, latest update", TriageAnnotations.None, "Thank you, that helps." },
        { "iphone 13, latest update", Signals(SignalNames.Complaint), "Thank you, that helps." },  // the model over-fires on follow-ups
        { "and the driver was rude", TriageAnnotations.None with { Sentiment = -0.46 }, "That sounds really frustrating." },
        { "AND NOBODY CALLED", Signals(SignalNames.Shouting), "That sounds really frustrating." },
        { "my flight is in an hour", Signals(SignalNames.Urgency), "That sounds really frustrating." },
        { "there's smoke now", Signals(SignalNames.Safety), "That sounds really frustrating." },
    };

    [Theory]
    [MemberData(nameof(CalmCases))]
    public void Listen_AMessageThatDoesNotSoundUpset_GetsACalmAcknowledgment(string message, TriageAnnotations triage, string expected)
    {
        var driver = TestScripts.Driver(CalmScript);
        driver.Say("hi");

        var reply = driver.Say(message, triage);

        Assert.Equal([expected], reply.Texts());
    }

    [Fact]
    public void Listen_WithoutCalmAcknowledgments_AcknowledgesEveryMessageAlike()
    {
        var withoutCalm = CalmScript.Replace("acknowledge_calm: [\"Thank you, that helps.\"]", string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(CalmScript, withoutCalm);
        var driver = TestScripts.Driver(withoutCalm);
        driver.Say("hi");

        Assert.Equal(["That sounds really frustrating."], driver.Say("iphone 13, latest update").Texts());
    }

    private const string InterruptScript = """
        dialog: t
        start: vent
        nodes:
          - id: vent
            listen: "Tell me everything."
            acknowledge: ["I hear you."]
            capture: story
            interrupt:
              - when: { signal: wantsHuman }
                goto: person
            next: after
          - id: person
            end: "Getting you a person."
          - id: after
            end: "Thanks."
        """;

    [Fact]
    public void Listen_AnInterruptEndsTheListeningAtOnce_AndKeepsTheMessage()
    {
        var driver = TestScripts.Driver(InterruptScript);
        driver.Say("hi");
        Assert.Equal(["I hear you."], driver.Say("It was late.").Texts());

        var interrupted = driver.Say("can I talk to a person?", Signals("wantsHuman"));

        Assert.Equal(["Getting you a person."], interrupted.Texts());
        Assert.Equal("It was late.\ncan I talk to a person?", interrupted.State.Captured["story"].Text);
    }

    [Fact]
    public void Listen_InterruptsAreCheckedLikeBranches()
    {
        var errors = TestScripts.Errors(InterruptScript.Replace("goto: person", "goto: nowhere", StringComparison.Ordinal));
        var warnings = TestScripts.Check(InterruptScript.Replace("signal: wantsHuman", "signal: wantsHumen", StringComparison.Ordinal)).Diagnostics;

        Assert.Contains(errors, e => e.Message.Contains("nowhere", StringComparison.Ordinal));
        Assert.Contains(warnings, d => d.Message.Contains("the listen node 'vent' tests the signal 'wantsHumen'", StringComparison.Ordinal) && d.Hint.Contains("wantsHuman", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("4", "praise", "Thanks for the rating.")]            // a valid answer is an answer, whatever its signals
    [InlineData("not fixed, thanks", "praise", "Sorry, a person will look again.")] // a decline is a decline
    [InlineData("thanks, all sorted!", "praise", "Glad it's sorted.")]  // neither: the interrupt
    [InlineData("meh", "none", "A number from 1 to 5, please.")]     // nothing holds: the retry
    public void Ask_AnInterruptTakesAnAnswerThatIsNeitherValidNorDeclined(string answer, string signal, string reply)
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: rate
            nodes:
              - id: rate
                ask: "How would you rate us, 1 to 5?"
                capture: rating
                type: rating
                retry: "A number from 1 to 5, please."
                decline: ["not fixed"]
                fallback: again
                interrupt:
                  - when: { signal: praise }
                    goto: glad
                next: thanks
              - id: thanks
                end: "Thanks for the rating."
              - id: again
                end: "Sorry, a person will look again."
              - id: glad
                end: "Glad it's sorted."
            """);
        driver.Say("hi");

        Assert.Equal([reply], driver.Say(answer, Signals(signal)).Texts());
    }

    [Fact]
    public void Listen_SpotRefusesTypesThatNeedMoreSettings()
    {
        var errors = TestScripts.Errors("""
            dialog: t
            start: vent
            nodes:
              - id: vent
                listen: []
                spot: { topic: choice }
                next: after
              - id: after
                end: "Thanks."
            """);

        Assert.Contains(errors, e => e.Code == DiagnosticCodes.InvalidValue && e.Message.Contains("spot", StringComparison.Ordinal));
    }

    private const string BranchScript = """
        dialog: t
        timezone: Europe/London
        business_hours: { days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00" }
        start: b
        nodes:
          - id: b
            branch:
              - when: { public: true }
                goto: pub
              - when: { signal: wantsHuman }
                goto: human
              - when: { sentiment_below: -0.5 }
                goto: upset
              - when: { keywords: [refund, money back] }
                goto: refund
              - when: { priority: urgent }
                goto: urgent
              - when: { words_at_least: 4 }
                goto: worded
              - when: { business_hours: false }
                goto: closed
            default: other
          - { id: pub, end: "public" }
          - { id: human, end: "human" }
          - { id: upset, end: "upset" }
          - { id: refund, end: "refund" }
          - { id: urgent, end: "urgent" }
          - { id: worded, end: "worded" }
          - { id: closed, end: "closed" }
          - { id: other, end: "other" }
        """;

    public static TheoryData<string, bool, TriageAnnotations, DateTimeOffset, string> BranchCases => new()
    {
        { "hi", true, TriageAnnotations.None, Monday(10), "public" },
        { "hi", false, Signals("wantsHuman"), Monday(10), "human" },
        { "hi", false, TriageAnnotations.None with { Sentiment = -0.8 }, Monday(10), "upset" },
        { "I want my Money Back!", false, TriageAnnotations.None, Monday(10), "refund" },
        { "hi", false, TriageAnnotations.None with { Priority = Priority.Urgent }, Monday(10), "urgent" },
        { "hi", false, TriageAnnotations.None, Monday(18), "closed" },
        { "hi", false, TriageAnnotations.None, new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero), "closed" },
        { "hi", false, TriageAnnotations.None, Monday(10), "other" },
        { "I need to change my address", false, TriageAnnotations.None, Monday(10), "worded" },
        { "can't log in", false, TriageAnnotations.None, Monday(10), "other" },
        { "? AB-123456 07700 900123 !!", false, TriageAnnotations.None, Monday(10), "other" },
    };

    private static DateTimeOffset Monday(int hourUtc) => new(2026, 11, 23, hourUtc, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(BranchCases))]
    public void Branch_TakesTheFirstCaseThatHolds(string text, bool isPublic, TriageAnnotations triage, DateTimeOffset now, string expected)
    {
        var driver = TestScripts.Driver(BranchScript, isPublic);
        driver.Now = now;

        Assert.Equal([expected], driver.Say(text, triage).Texts());
    }

    [Fact]
    public void Branch_TheHostsBusinessSchedule_WinsOverTheScriptsHours()
    {
        var allWeek = new BusinessHours(Enum.GetValues<DayOfWeek>().ToHashSet(), TimeOnly.MinValue, TimeOnly.MaxValue);
        var open = new BusinessSchedule(TimeZoneInfo.Utc, allWeek, new Dictionary<DateOnly, string>());
        var holiday = open with { Holidays = new Dictionary<DateOnly, string> { [new DateOnly(2026, 11, 23)] = "Founders' Day" } };

        // Monday 18:00 is after the script's hours; the host's all-week hours keep it open, its holiday closes Monday 10:00.
        var late = TestScripts.Driver(BranchScript);
        late.Now = Monday(18);
        late.Schedule = open;
        var onHoliday = TestScripts.Driver(BranchScript);
        onHoliday.Now = Monday(10);
        onHoliday.Schedule = holiday;

        Assert.Equal(["other"], late.Say("hi").Texts());
        Assert.Equal(["closed"], onHoliday.Say("hi").Texts());
    }

    [Fact]
    public void Branch_OnCapturedValues()
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: q
            nodes:
              - id: q
                ask: "Happy?"
                capture: happy
                type: yes_no
                next: b
              - id: b
                branch:
                  - when: { captured: { happy: "yes" } }
                    goto: good
                  - when: { has: [happy] }
                    goto: bad
                default: bad
              - { id: good, end: "good" }
              - { id: bad, end: "bad" }
            """);
        driver.Say("hi");

        Assert.Equal(["good"], driver.Say("yes!").Texts());
    }

    private const string OfflineScript = """
        dialog: t
        start: entry
        on:
          offline.failed: by_email
        nodes:
          - id: entry
            branch:
              - when: { public: true }
                goto: spot
            default: hello
          - id: spot
            extract: order
            type: order_number
            next: ack
          - id: ack
            offline: "Sorry! We've messaged you privately."
            private_start: hello
            pointer: "See your private messages."
          - id: hello
            ask: "Hi privately. Order {captured.order}? Your email?"
            capture: email
            type: email
            next: bye
          - id: bye
            end: ~
          - id: by_email
            handoff: email
            say: "Please email us instead."
        """;

    [Fact]
    public void TakeOffline_InPublic_AcknowledgesOnce_AndCarriesCapturesToThePrivateStart()
    {
        var driver = TestScripts.Driver(OfflineScript, isPublic: true);

        var turn = driver.Say("ORDER AB-123456 IS LATE");

        Assert.Equal("Sorry! We've messaged you privately.", turn.Replies[0].Text);
        Assert.True(turn.Replies[0].IsPublic);
        Assert.DoesNotContain(turn.Replies.Where(r => r.IsPublic), r => r.Text.Contains("AB-123456", StringComparison.Ordinal));
        var offline = Assert.IsType<TakeOfflineEffect>(turn.Effects[0]);
        Assert.Equal("hello", offline.StartNode);
        Assert.Equal("AB-123456", offline.Captured["order"].Text);
        Assert.Equal(DialogStatus.MovedPrivate, driver.PublicState!.Status);
        Assert.Equal("Hi privately. Order AB-123456? Your email?", turn.Replies[1].Text);
        Assert.False(turn.Replies[1].IsPublic);
    }

    /// <summary>A public thread whose first post ("bad service") moved it to a private chat; the next post is public again.</summary>
    private static ConversationDriver MovedPrivate(string script)
    {
        var driver = TestScripts.Driver(script, isPublic: true);
        driver.Say("bad service");
        driver.IsPublic = true;
        return driver;
    }

    [Fact]
    public void TakeOffline_LaterPublicPosts_GetOneReminderThenSilence()
    {
        var driver = MovedPrivate(OfflineScript);

        Assert.Equal(["See your private messages."], driver.Say("hello??").Texts());
        Assert.Empty(driver.Say("HELLO??").Texts());
    }

    [Theory]
    [InlineData(SignalNames.Thanks)]
    [InlineData(SignalNames.Closing)]
    public void TakeOffline_APublicThankYou_GetsNoPointer_WhichIsKeptForALaterPost(string signal)
    {
        var driver = MovedPrivate(OfflineScript);

        Assert.Empty(driver.Say("thanks, will check my DMs", Signals(signal)).Texts());
        Assert.Equal(["See your private messages."], driver.Say("hello??").Texts());
    }

    // The script answers a later public post itself: "nvm it works now" is not told to check its private messages.
    private static readonly string FollowUpScript = OfflineScript.Replace("  offline.failed: by_email", "  offline.failed: by_email\n  public.followup: again", StringComparison.Ordinal) + """

          - id: again
            branch:
              - when: { keywords: [works now] }
                goto: glad
            default: silent
          - id: glad
            end: "Glad it's sorted."
          - id: silent
            end: ~
        """;

    [Fact]
    public void PublicFollowUp_AnswersTheLaterPost_AndTheThreadStaysWithItsPrivateChat()
    {
        var driver = MovedPrivate(FollowUpScript);

        var turn = driver.Say("nvm it works now");

        Assert.Equal(["Glad it's sorted."], turn.Texts());
        Assert.Empty(turn.Effects);
        Assert.Equal((DialogStatus.MovedPrivate, "ack"), (turn.State.Status, turn.State.Stack[^1].Node));
        Assert.Empty(driver.Say("works now, thanks again").Texts());
    }

    [Fact]
    public void PublicFollowUp_ThatSaysNothing_LeavesItsAnswerForALaterPost_AndNeverThePointer()
    {
        var driver = MovedPrivate(FollowUpScript);

        Assert.Empty(driver.Say("hello??").Texts());
        Assert.Equal(["Glad it's sorted."], driver.Say("oh it works now").Texts());
    }

    [Fact]
    public void PublicFollowUp_ThatCouldWaitForAnAnswer_IsDLG018()
    {
        var diagnostics = TestScripts.Check(FollowUpScript.Replace("goto: glad", "goto: hello", StringComparison.Ordinal)).Diagnostics;

        var d = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.FollowUpNode);
        Assert.Contains("ask node 'hello'", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "Bonjour.")]
    [InlineData("en", "Hello.")]
    [InlineData(TriageAnnotations.UnknownLanguage, "Hello.")]
    public void TakeOffline_ThePrivateGreeting_GoesByThePostsLanguage(string language, string greeting)
    {
        var driver = TestScripts.Driver("""
            dialog: t
            start: entry
            nodes:
              - id: entry
                offline: "Moving."
                private_start: greet
                pointer: "See DMs."
              - id: greet
                branch:
                  - when: { language: [fr] }
                    goto: fr
                default: en
              - id: fr
                end: "Bonjour."
              - id: en
                end: "Hello."
            """, isPublic: true);

        var turn = driver.Say("mon colis", TriageAnnotations.None with { Language = language });

        Assert.Equal(["Moving.", greeting], turn.Texts());
    }

    [Fact]
    public void TakeOffline_InPrivate_JustContinues()
    {
        var driver = TestScripts.Driver(OfflineScript.Replace("- when: { public: true }", "- when: { signal: complaint }"));

        var turn = driver.Say("bad", Signals("complaint"));

        Assert.Equal(["Hi privately. Order ? Your email?"], turn.Texts());
        Assert.Empty(turn.Effects);
    }

    [Fact]
    public void OfflineFailedEvent_RunsTheEmailFallback()
    {
        var driver = MovedPrivate(OfflineScript);

        var turn = driver.Event("offline.failed");

        Assert.Equal(["Please email us instead."], turn.Texts());
        Assert.Equal("email", Assert.IsType<HandoffEffect>(Assert.Single(turn.Effects)).Queue);
    }

    private const string HandoffScript = """
        dialog: t
        start: h
        on:
          case.resolved: thanks
        nodes:
          - id: h
            handoff: care
            min_priority: high
            say: "A person will reply within 2 hours (case {case.id})."
          - id: thanks
            end: "Resolved!"
        """;

    [Fact]
    public void Handoff_TellsTheCustomer_AndRequestsAHandoffWithThePriorityRule()
    {
        var driver = TestScripts.Driver(HandoffScript);

        var turn = driver.Say("help", Signals("complaint") with { Priority = Priority.Normal });

        Assert.Equal(["A person will reply within 2 hours (case C-1001)."], turn.Texts());
        var handoff = Assert.IsType<HandoffEffect>(Assert.Single(turn.Effects));
        Assert.Equal(("care", Priority.High), (handoff.Queue, handoff.Priority));
        Assert.Equal("A person will reply within 2 hours (case C-1001).", handoff.ToldCustomer);
        Assert.Contains("complaint", handoff.Reason);
        Assert.Equal(DialogStatus.HandedOff, turn.State.Status);
    }

    [Theory]
    [InlineData("complaint", Priority.Normal, null, "within 4 hours")]   // min_priority: normal
    [InlineData("complaint", Priority.Urgent, null, "within 15 minutes")]
    [InlineData("complaint", Priority.Low, "high", "within the hour")]   // a fixed priority wins over triage
    public void Handoff_PromisesTheFirstResponseTargetOfItsPriority(string signal, Priority triaged, string? fixedPriority, string promise)
    {
        var driver = TestScripts.Driver($$"""
            dialog: t
            start: h
            nodes:
              - id: h
                handoff: care
                min_priority: normal
                {{(fixedPriority is null ? "" : "priority: " + fixedPriority)}}
                say: "A person will reply {case.reply_within}."
            """);
        driver.FirstResponseTargets = new Dictionary<Priority, TimeSpan>
        {
            [Priority.Low] = TimeSpan.FromHours(24), [Priority.Normal] = TimeSpan.FromHours(4),
            [Priority.High] = TimeSpan.FromHours(1), [Priority.Urgent] = TimeSpan.FromMinutes(15),
        };

        var turn = driver.Say("help", Signals(signal) with { Priority = triaged });

        Assert.Equal([$"A person will reply {promise}."], turn.Texts());
    }

    [Fact]
    public void Handoff_WithoutTargets_PromisesNoTime()
    {
        var driver = TestScripts.Driver("dialog: t\nstart: h\nnodes:\n  - id: h\n    handoff: care\n    say: \"A person will reply {case.reply_within}.\"\n");

        Assert.Equal(["A person will reply as soon as they can."], driver.Say("help").Texts());
    }

    [Theory]
    [InlineData(15, "within 15 minutes")]
    [InlineData(60, "within the hour")]
    [InlineData(90, "within 90 minutes")]
    [InlineData(120, "within 2 hours")]
    [InlineData(150, "within 3 hours")]       // rounded up: never a shorter promise than the target
    [InlineData(24 * 60, "within 24 hours")]
    [InlineData(72 * 60, "within 3 days")]
    [InlineData(0, "as soon as they can")]
    public void ReplyTime_NamesTheTargetRoundedUp(int minutes, string expected) =>
        Assert.Equal(expected, CareBot.Dialogs.Templates.ReplyTime.Within(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Handoff_UrgentTriage_StaysUrgent()
    {
        var turn = TestScripts.Driver(HandoffScript).Say("help", TriageAnnotations.None with { Priority = Priority.Urgent });

        Assert.Equal(Priority.Urgent, Assert.IsType<HandoffEffect>(Assert.Single(turn.Effects)).Priority);
    }

    [Fact]
    public void Handoff_WhileWithTheAgent_MessagesAreNotHandled_EventsAre()
    {
        var driver = TestScripts.Driver(HandoffScript);
        driver.Say("help");

        Assert.Empty(driver.Say("anyone there?").Texts());
        Assert.Equal(["Resolved!"], driver.Event("case.resolved").Texts());
    }

    [Fact]
    public void UnhandledEvent_ChangesNothing()
    {
        var driver = TestScripts.Driver(HandoffScript);
        driver.Say("help");
        var before = driver.CurrentState;

        driver.Event("case.handed_back");

        Assert.Same(before, driver.CurrentState);
    }

    [Fact]
    public void Call_RunsTheOtherDialog_ThenContinuesAtNext()
    {
        var registry = TestScripts.Registry(
            ("main.yaml", "dialog: main\nstart: c\nnodes:\n  - id: c\n    call: sub\n    next: after\n  - id: after\n    end: \"Back in main with {captured.name}.\"\n"),
            ("sub.yaml", "dialog: sub\nstart: q\nnodes:\n  - id: q\n    ask: \"Name?\"\n    capture: name\n    next: e\n  - id: e\n    end: ~\n"));
        var driver = new CareBot.Dialogs.ScriptTests.ConversationDriver(new DialogRuntime(registry), "main");

        Assert.Equal(["Name?"], driver.Say("hi").Texts());
        Assert.Equal(2, driver.CurrentState!.Stack.Count);
        var turn = driver.Say("Ana");

        Assert.Equal(["Back in main with Ana."], turn.Texts());
        Assert.Single(turn.State.Stack);
    }

    [Fact]
    public void End_AMessageAfterTheEnd_StartsAgainKeepingCaptures()
    {
        var driver = TestScripts.Driver(AskScript);
        driver.Say("hi");
        driver.Say("sam@example.com");

        var again = driver.Say("hello again");

        Assert.Equal(["Your email?"], again.Texts());
        Assert.Equal("sam@example.com", again.State.Captured["email"].Text);
    }

    [Fact]
    public void AScriptThatLoopsWithoutWaiting_FailsWithAClearError()
    {
        var driver = TestScripts.Driver("dialog: t\nstart: a\nnodes:\n  - id: a\n    say: x\n    next: b\n  - id: b\n    say: y\n    next: a\n");

        var ex = Assert.Throws<DialogRuntimeException>(() => driver.Say("hi"));
        Assert.Contains("loops", ex.Message);
    }
}
