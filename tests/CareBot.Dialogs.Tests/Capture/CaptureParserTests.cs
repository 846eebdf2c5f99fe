using System.Text.RegularExpressions;
using CareBot.Dialogs.Capture;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Tests.Capture;

public class CaptureParserTests
{
    private static readonly SourceLocation At = new("t.yaml", 1, 1);

    private static CaptureSpec Spec(CaptureType type, string? pattern = null, decimal? min = null, decimal? max = null) =>
        new("x", type, pattern is null ? null : new Regex(pattern, RegexOptions.IgnoreCase, ScriptParser.RegexTimeout),
            new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
            {
                ["refund"] = ["money back", "reimburse me"],
                ["replace"] = ["new one", "exchange"],
            }, min, max, At);

    [Theory]
    [InlineData("sam@example.com", "sam@example.com")]
    [InlineData("  Sam.Smith+care@Mail.Example.co.uk ", "sam.smith+care@mail.example.co.uk")]
    [InlineData("my email is sam@example.com thanks", "sam@example.com")]
    [InlineData("sam@example", null)]
    [InlineData("sam at example dot com", "sam@example.com")]           // spelled out against spam robots
    [InlineData("sam dot green at example dot com", "sam.green@example.com")]
    [InlineData("its Sam.Smith at mail dot example dot co dot uk", "sam.smith@mail.example.co.uk")]
    [InlineData("sam(at)example(dot)com", "sam@example.com")]
    [InlineData("sam [at] example [dot] com", "sam@example.com")]
    [InlineData("sam @ example.com", "sam@example.com")]
    [InlineData("sam at example", null)]                                // no dot: not an address
    [InlineData("i'm at home dot com", null)]                           // not one word before "at"
    [InlineData("sam at example dot c", null)]                          // no real top-level domain
    [InlineData("sam@", null)]
    [InlineData("@example.com", null)]
    [InlineData("", null)]
    public void Email(string answer, string? expected) => AssertAccept(Spec(CaptureType.Email), answer, expected);

    [Theory]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("(020) 7946-0958", "02079460958")]
    [InlineData("call me on 07700 900123", "07700900123")]
    [InlineData("12345", null)]
    [InlineData("1234567890123456", null)]
    [InlineData("no phone", null)]
    [InlineData("555.123.4567", "5551234567")]
    [InlineData("12.05.2026", null)] // a date
    [InlineData("2026-05-12", null)]
    public void Phone(string answer, string? expected) => AssertAccept(Spec(CaptureType.Phone), answer, expected);

    [Theory]
    [InlineData("it was due on 12.05.2026", null)]          // a date is not spotted as a phone number
    [InlineData("due 5/12/26, call 07700 900123", "07700900123")]
    [InlineData("since 2026-05-12 nothing", null)]
    [InlineData("ring me on 555.123.4567", "5551234567")]
    [InlineData("my account number is 12345678901", null)]     // named as another number: not one to call
    [InlineData("complaint emailed last week ref.5550199", null)]
    [InlineData("booking ref: 4455 6677 88", null)]
    [InlineData("card no. 4929 1234 5678", null)]
    [InlineData("account 12345678, call me on 07700 900123", "07700900123")]
    [InlineData("my number is 07700 900123", "07700900123")]
    [InlineData("see https://www.bbc.co.uk/news/business-68123456 for the story", null)] // digits in a link
    [InlineData("I rang 0800 123 456 three times and nobody answered", null)]            // the brand's own line
    [InlineData("called your helpline on 0800 123 456, call me back on 07700 900123", "07700900123")]
    [InlineData("no. policy number is MTR-1147702", null)]                               // a reference's digits
    [InlineData("agreement RA90184477", null)]
    [InlineData("ref MTR-1147702, call me on 07700 900123", "07700900123")]
    public void TryFind_APhoneNumberButNotADate(string message, string? expected)
    {
        var found = CaptureParser.TryFind(Spec(CaptureType.Phone), message, out var value);

        Assert.Equal(expected, found ? value.Text : null);
    }

    [Theory]
    [InlineData(CaptureType.OrderNumber)]
    [InlineData(CaptureType.Regex)]
    public void A_pattern_that_runs_past_its_time_finds_nothing_instead_of_failing_the_turn(CaptureType type)
    {
        // Catastrophic backtracking on a short message with a 1 ms budget: the timeout a loaded machine once hit.
        var slow = new CaptureSpec("x", type, new Regex(@"^(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(1)),
            new Dictionary<string, IReadOnlyList<string>>(), null, null, At);
        var message = new string('a', 40) + "!";

        Assert.False(CaptureParser.TryAccept(slow, message, out _));
        Assert.False(CaptureParser.TryFind(slow, message, out _));
    }

    [Theory]
    [InlineData("AB-123456", "AB-123456")]
    [InlineData("ab-123456", "AB-123456")]
    [InlineData("it's XY-000001, thanks", "XY-000001")]
    [InlineData("AB-1234567", null)]
    [InlineData("AB123456", "AB-123456")] // typed without the dash
    [InlineData("it's ab123456 thanks", "AB-123456")]
    [InlineData("AB 123456", "AB-123456")] // a space where the dash goes, as the whole answer
    [InlineData("it is at 123456 on the label", null)] // ...but not inside a sentence
    [InlineData("ab 559 012", "AB-559012")] // spaces, dots or dashes where people put them (2026-12-07 trial)
    [InlineData("#AB-559012", "AB-559012")]
    [InlineData("its AB- 559012", "AB-559012")]
    [InlineData("AB-559 012", "AB-559012")]
    [InlineData("ab.559.012", "AB-559012")]
    [InlineData("A B 5 5 9 0 1 2", "AB-559012")]
    [InlineData("# AB - 559012", "AB-559012")]
    [InlineData("order no: ab 559 012", "AB-559012")]
    [InlineData("order ab-559-012", "AB-559012")]
    [InlineData("my order ab 559 012 never came", "AB-559012")] // inside a sentence, right after "order"
    [InlineData("the order is 559 012", null)]
    [InlineData("ab 559 0123", null)]
    [InlineData("we got there at 559 012", null)]
    [InlineData("AB1234567", null)]
    [InlineData("123456", null)]
    public void OrderNumber_DefaultPattern(string answer, string? expected) =>
        AssertAccept(Spec(CaptureType.OrderNumber, ScriptParser.DefaultOrderPattern), answer, expected);

    [Theory]
    [InlineData("I sent it to help@contoso.com from sarah.o.connor@icloud.com", "sarah.o.connor@icloud.com")]
    [InlineData("I emailed help@contoso.com three times", null)]
    [InlineData("wrote to you at complaints@contoso.com, no answer. I'm on sam@example.com", "sam@example.com")]
    [InlineData("I've sent you my email sam@example.com", "sam@example.com")]
    [InlineData("please send the refund confirmation to sam@example.com", "sam@example.com")]
    public void An_address_the_customer_wrote_to_is_not_theirs(string message, string? expected)
    {
        var found = CaptureParser.TryFind(Spec(CaptureType.Email), message, out var value);

        Assert.Equal(expected, found ? value.Text : null);
    }

    [Theory]
    [InlineData("his email was david.r@btinternet.com but i cant get into it. mine is sam.r@btinternet.com", "sam.r@btinternet.com")]
    [InlineData("hers was jean.walsh@aol.com. mine is c.walsh@gmail.com", "c.walsh@gmail.com")]
    [InlineData("his email is george.pike41@aol.com but he doesnt check it. mine is s.pike@nhs.net", "s.pike@nhs.net")]
    [InlineData("my husband's email is tom@example.com, please use ana@example.com", "ana@example.com")]
    [InlineData("my mum's address was jean@example.com and i'm on ana@example.com", "ana@example.com")] // nobody else's
    [InlineData("my email is ana@example.com, my husband's is tom@example.com", "ana@example.com")]
    [InlineData("ana@example.com or ana.work@example.com", "ana@example.com")]                          // neither named: the first
    [InlineData("his email is george.pike41@aol.com", "george.pike41@aol.com")]                          // only one: theirs to give
    public void Of_two_addresses_the_customers_own_is_taken(string message, string expected)
    {
        Assert.True(CaptureParser.TryFind(Spec(CaptureType.Email), message, out var value));

        Assert.Equal(expected, value.Text);
    }

    [Theory]
    [InlineData("my order ab 559 012 never came", "AB-559012")]
    [InlineData("order number AB- 559012, still nothing", "AB-559012")]
    [InlineData("it came at 559 012 on the dot", null)]
    [InlineData("they said ab 559 012 was fine", null)] // spaced, spotted only right after "order"
    public void OrderNumber_DefaultPattern_SpacedInsideAMessage(string message, string? expected)
    {
        var found = CaptureParser.TryFind(Spec(CaptureType.OrderNumber, ScriptParser.DefaultOrderPattern), message, out var value);

        Assert.Equal(expected, found ? value.Text : null);
    }

    [Theory]
    [InlineData("#10042", "#10042")]
    [InlineData("order #10042 please", "#10042")]
    [InlineData("10042", null)]
    public void OrderNumber_ConfiguredPattern(string answer, string? expected) =>
        AssertAccept(Spec(CaptureType.OrderNumber, @"#\d{5}"), answer, expected);

    [Fact]
    public void A_configured_pattern_without_a_dash_is_kept_as_typed() =>
        AssertAccept(Spec(CaptureType.OrderNumber, @"[A-Z]{2}\d{6}"), "ab123456", "AB123456");

    [Theory]
    [InlineData("3", "3")]
    [InlineData("2.5", "2.5")]
    [InlineData("1,200", null)]
    [InlineData("0.5", "0.5")]
    [InlineData("about 4 I think", "4")]
    [InlineData("seven", "7")]
    [InlineData("11", null)]
    [InlineData("-1", null)]
    [InlineData("lots", null)]
    public void Number_WithinRange(string answer, string? expected) =>
        AssertAccept(Spec(CaptureType.Number, min: 0, max: 10), answer, expected);

    [Theory]
    [InlineData("yes", "yes")]
    [InlineData("Yes please!", "yes")]
    [InlineData("yep", "yes")]
    [InlineData("sure", "yes")]
    [InlineData("OK", "yes")]
    [InlineData("no", "no")]
    [InlineData("Nope.", "no")]
    [InlineData("not really", "no")]
    [InlineData("no thanks", "no")]
    [InlineData("maybe", null)]
    [InlineData("I don't know yet", null)]
    public void YesNo(string answer, string? expected) => AssertAccept(Spec(CaptureType.YesNo), answer, expected);

    [Theory]
    [InlineData("refund", "refund")]
    [InlineData("I want my money back", "refund")]
    [InlineData("Exchange", "replace")]
    [InlineData("a new one please", "replace")]
    [InlineData("something else", null)]
    public void Choice_WithSynonyms(string answer, string? expected) => AssertAccept(Spec(CaptureType.Choice), answer, expected);

    [Theory]
    [InlineData("SW1A 1AA", "SW1A 1AA")]
    [InlineData("sw1a 1aa", "sw1a 1aa")]
    [InlineData("my postcode is SW1A 1AA", null)]
    [InlineData("12345", null)]
    public void Regex_MustMatchWholeAnswer(string answer, string? expected) =>
        AssertAccept(Spec(CaptureType.Regex, @"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}"), answer, expected);

    // A question's pattern with a group named value finds it in a longer answer ("yes it's MQ7T2L" to a booking
    // reference), and keeps only the group when the whole answer matches.
    [Theory]
    [InlineData("MQ7T2L", "MQ7T2L")]
    [InlineData("yes it's MQ7T2L", "MQ7T2L")]
    [InlineData("ref: MQ7T2L", "MQ7T2L")]
    [InlineData("MQ7T2LX9", null)]            // longer than the pattern: not a part of it
    [InlineData("no idea", null)]
    public void Regex_WithAValueGroup_FindsItInTheAnswer(string answer, string? expected) =>
        AssertAccept(Spec(CaptureType.Regex, @"(?:ref:\s*)?(?<value>[A-Z0-9]{6})"), answer, expected);

    [Theory]
    [InlineData("my account number is 55512 thanks", "55512")]   // only the group named value is kept
    [InlineData("account 4417", "4417")]
    [InlineData("no account here", null)]
    public void TryFind_APatternsValueGroup_IsTheValue(string message, string? expected)
    {
        var spec = Spec(CaptureType.Regex, @"\baccount\s*(?:number\s*)?(?:is\s*)?(?<value>\d{4,})");

        var found = CaptureParser.TryFind(spec, message, out var value);

        Assert.Equal(expected, found ? value.Text : null);
    }

    [Theory]
    [InlineData("5", "5")]
    [InlineData("4/5", "4")]
    [InlineData("three stars", "3")]
    [InlineData("\u2B50\u2B50", "2")]
    [InlineData("10/10", "5")] // a scale of ten, halved
    [InlineData("7 out of 10", "4")]
    [InlineData("2/10", "1")]
    [InlineData("0/10", "1")]
    [InlineData("11/10", null)]
    [InlineData("6", null)]
    [InlineData("0", null)]
    [InlineData("great", null)]
    [InlineData("yes it was sorted, 5 stars", "5")]   // said inside a sentence, with its scale
    [InlineData("took a while but four star service", "4")]
    [InlineData("quick reply, 9/10", "5")]
    [InlineData("sorted, 3 out of 5", "3")]
    [InlineData("waited 4-5 days for a reply", null)] // no scale: not a rating
    [InlineData("you said 24/7 support", null)]
    [InlineData("waited 3 days, 5 stars for the agent though, 2 stars for the wait", null)] // two ratings: ask again
    [InlineData("6 stars", null)]
    [InlineData("solid 4", "4")]                       // a short answer whose only number is the rating
    [InlineData("i'd say a 3", "3")]
    [InlineData("give it a 5!", "5")]
    [InlineData("3ish", "3")]                          // "about three"
    [InlineData("hmm 4ish i guess", "4")]
    [InlineData("fish", null)]
    [InlineData("took 2 days", null)]                  // a duration
    [InlineData("between 3 and 4", null)]              // two numbers: ask again
    [InlineData("it took three weeks to sort out 2 issues", null)]
    public void Rating_OneToFive(string answer, string? expected) => AssertAccept(Spec(CaptureType.Rating), answer, expected);

    [Theory]
    [InlineData("excellent", "5")]                     // the scale's own words, as the script lists them
    [InlineData("Excellent!", "5")]
    [InlineData("poor", "1")]
    [InlineData("pretty poor tbh", "1")]
    [InlineData("4, excellent", "4")]                  // a number said is the rating
    [InlineData("not excellent", null)]                // denied
    [InlineData("far from excellent", null)]
    [InlineData("wasnt excellent", null)]
    [InlineData("excellent agent but the refund never came", null)] // more than a short answer
    [InlineData("poor to excellent", null)]            // both ends: ask again
    public void Rating_TheScalesOwnWords(string answer, string? expected)
    {
        var spec = new CaptureSpec("rating", CaptureType.Rating, null, new Dictionary<string, IReadOnlyList<string>>
        {
            ["1"] = ["poor"],
            ["5"] = ["excellent"],
        }, null, null, At);

        AssertAccept(spec, answer, expected);
    }

    [Theory]
    [InlineData("anything at all", "anything at all")]
    [InlineData("   ", null)]
    public void Text(string answer, string? expected) => AssertAccept(Spec(CaptureType.Text), answer, expected);

    [Fact]
    public void TryFind_PicksAnOrderNumberOutOfAShoutedPost()
    {
        var found = CaptureParser.TryFind(Spec(CaptureType.OrderNumber, ScriptParser.DefaultOrderPattern), "ORDER AB-123456 NEVER ARRIVED!!!", out var value);

        Assert.True(found);
        Assert.Equal("AB-123456", value.Text);
    }

    private static void AssertAccept(CaptureSpec spec, string answer, string? expected)
    {
        var accepted = CaptureParser.TryAccept(spec, answer, out var value);

        Assert.Equal(expected is not null, accepted);
        if (expected is not null)
        {
            Assert.Equal(expected, value.Text);
            Assert.Equal(spec.Type, value.Type);
        }
    }
}
