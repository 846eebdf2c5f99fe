using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Tests.Triage.Signals;

/// <summary>
/// Churn, urgency and wants-human on the way customers write in public posts (phrasings written for these tests, not
/// taken from any evaluation file), and the look-alikes that must not fire.
/// </summary>
public sealed class RealPhrasingTests
{
    private static readonly TriageService Service = new(new VaderSentimentAnalyzer(), TriageCueLoader.LoadEmbedded());

    private static Task<TriageResult> TriageAsync(string text) => Service.TriageAsync(text, CancellationToken.None);

    [Theory]
    [InlineData("never using you guys again after this")]
    [InlineData("Never flying with @Skyline again. Ever.")]
    [InlineData("that's it, switching airlines")]
    [InlineData("I'm switching to @OtherTel tomorrow")]
    [InlineData("this is the last time i fly with you")]
    [InlineData("last time I order from you, promise")]
    [InlineData("first and last time booking through your app")]
    [InlineData("first and only time I use this bank")]
    [InlineData("1st &amp; only time I ever book with you")]
    [InlineData("never again. 3 hours on hold")]
    [InlineData("congrats, you just lost my business")]
    [InlineData("going with a different carrier next time")]
    [InlineData("that was my last order with you")]
    [InlineData("this is the last straw")]
    [InlineData("switching to a different provider")]
    public async Task Leaving_as_customers_say_it_is_churn(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.Churn.Detected, text);
    }

    [Theory]
    [InlineData("last time I flew with you the crew was lovely")]
    [InlineData("the last time I called you fixed it in minutes, thanks")]
    [InlineData("I hope this never happens to anyone")]
    [InlineData("where is my last order")]                           // the most recent one, not the final one
    [InlineData("please send me an invoice for my last order")]
    [InlineData("how do I switch to paperless billing")]             // switching within what the brand offers
    [InlineData("I'd like to switch to a fixed tariff please")]             // another of our tariffs (was "thinking of leaving")
    [InlineData("can I switch to the annual plan")]
    [InlineData("switched to you last month and honestly best decision ever, signal is amazing")]   // to the brand
    [InlineData("please cancel my newsletter subscription")]
    public async Task Past_visits_and_wishes_are_not_churn(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.Churn.Detected, text);
    }

    [Theory]
    [InlineData("stuck in Denver with no flight home")]
    [InlineData("been stuck on the tarmac for two hours")]
    [InlineData("sitting at the gate and nobody knows anything")]
    [InlineData("my flight leaves in 40 minutes and the line hasn't moved")]
    [InlineData("boarding closes in 20 mins and I'm still at security")]
    [InlineData("I'm going to miss my connection because of this")]
    [InlineData("looks like I'm sleeping at the airport tonight")]
    public async Task Stranded_or_about_to_miss_a_departure_is_urgent(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.Urgency.Detected, text);
    }

    [Theory]
    [InlineData("my flight is in 2 hours and the app still won't give me a boarding pass")]
    [InlineData("missed my connection in Frankfurt because of your delay, what now")]
    [InlineData("stuck in SFO since 6am")]
    [InlineData("please hold the plane, we're running from terminal C")]
    [InlineData("don't let my connection leave, we're landing now")]
    [InlineData("can you let us off the plane already")]
    [InlineData("stuck at security and nobody is on the desk")]
    [InlineData("sat on the train outside the station for 50 minutes")]
    [InlineData("the concert starts in 30 minutes and the tickets aren't in my app")]
    [InlineData("my exam is in an hour and the broadband is down")]
    [InlineData("check-in closes within 45 mins and your site keeps crashing")]
    [InlineData("hotel gave our room away and we have nowhere to sleep")]
    [InlineData("refund me now!!")]
    [InlineData("please replace it straight away, your service used to be great")]   // asked for, with a good word
    [InlineData("they replied immediately, great, but it is still not fixed and I fly tomorrow")]
    public async Task Time_pressure_as_travellers_and_customers_write_it_is_urgent(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.Urgency.Detected, text);
    }

    [Theory]
    [InlineData("I'm so fed up RIGHT NOW")]
    [InlineData("right now I'm just disappointed in you")]
    [InlineData("I missed your call earlier, no rush")]
    [InlineData("the show last night started late but was great")]
    [InlineData("our flight to Lisbon today was so smooth, the crew were brilliant")]
    [InlineData("the wedding this weekend went perfectly thanks to your florists")]
    [InlineData("NEED this in my life NOW 😍")]
    [InlineData("is today the last day of the sale?")]
    [InlineData("My order was replaced straight away by your team, great service")]   // speed praised, not asked for
    [InlineData("The driver came back right away when I called, brilliant service")]
    [InlineData("Shoutout to Priya at the Leeds store, she went above and beyond to help my mum today. Give that woman a raise!")]
    public async Task Emphasis_and_past_events_are_not_urgency(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.Urgency.Detected, text);
    }

    // 2026-12-07 trial: each got the everyday apology or a low-priority case.
    [Theory]
    [InlineData("Tickets still haven't appeared in my app and the show is TONIGHT. Doors at 7. Help!!")]
    [InlineData("will the 17:42 be on time? need to get to a hospital appointment")]
    [InlineData("stuck on platform 3 at the station, the assistance never came and it's getting dark and cold")]
    [InlineData("Water's coming out brown from the kitchen tap. Is it safe to drink?")]
    public async Task A_show_tonight_an_appointment_a_stranded_passenger_and_brown_water_are_urgent(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.Urgency.Detected, text);
    }

    [Theory]
    [InlineData("been stuck on hold for an hour")]
    [InlineData("stuck in a loop with your password reset")]
    public async Task Stuck_on_hold_or_in_a_loop_is_not_urgency(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.Urgency.Detected, text);
    }

    [Theory]
    [InlineData("my package is stuck in customs for 10 days what can i do")]
    [InlineData("my order is still stuck at the depot")]
    [InlineData("the parcel has been held at customs since monday")]
    public async Task A_parcel_stuck_somewhere_is_not_a_stranded_customer(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.Urgency.Detected, text);
    }

    [Theory]
    [InlineData("will the app be down for maintenance tonight? got a message about it")]
    [InlineData("is the site going to be down during the upgrade")]
    public async Task Asking_about_a_planned_outage_is_not_a_complaint(string text)
    {
        var result = await TriageAsync(text);

        Assert.DoesNotContain(result.Complaint.Reasons, r => r.StartsWith("outage", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("I'm stuck at customs and nobody will tell us anything")]
    [InlineData("we are stuck at the airport with two kids")]
    [InlineData("the bed is stuck raised and my dad can't get out of it until the carer comes tomorrow")]
    [InlineData("two of us are stuck in the lift at your Leeds store")]
    public async Task A_customer_stuck_somewhere_is_still_urgent(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.Urgency.Detected, text);
    }

    [Theory]
    [InlineData("my refund still hasn't come through and I've got no money for food")]
    [InlineData("I have no money left until the refund comes back")]
    [InlineData("you took my money twice and now I can't afford food this week")]
    [InlineData("can't feed my kids because of your mistake")]
    public async Task A_customer_left_without_money_for_the_essentials_is_urgent(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.Urgency.Detected, text);
    }

    [Theory]
    [InlineData("no money back for the broken chair yet")]
    [InlineData("I'm not spending money for this rubbish again")]
    [InlineData("great food, great prices")]
    public async Task Money_words_without_hardship_are_not_urgent(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.Urgency.Detected, text);
    }

    [Theory]
    [InlineData("there are three payments on my debit card I didn't make", true)]
    [InlineData("Please freeze my card right now", true)]
    [InlineData("someone just emptied my account, I did not do this", true)]
    [InlineData("can you tell me my balance and whether my salary has gone in yet", false)]
    [InlineData("is it possible to freeze my account for 3 months while I'm away?", false)]
    public async Task Money_being_taken_now_is_urgent_and_a_balance_question_or_a_planned_pause_is_not(string text, bool urgent)
    {
        var result = await TriageAsync(text);

        Assert.Equal(urgent, result.Urgency.Detected);
    }

    [Theory]
    [InlineData("I'm behind on everything and honestly I don't see the point anymore", true)]
    [InlineData("I don't see the point anymore in calling you, nobody answers", false)]
    [InlineData("I've been in hospital for two weeks and missed my payment", false)]
    [InlineData("my son is in hospital after the charger caught fire", true)]
    public async Task A_risk_to_someone_now_is_safety_and_a_past_hospital_stay_is_not(string text, bool safety)
    {
        var result = await TriageAsync(text);

        Assert.Equal(safety, result.Safety.Detected);
    }

    // 2026-12-07 trial, travellers: harassment by someone nearby was "That sounds frustrating"; a room that smelt of smoke
    // got "call your local emergency number" in public.
    [Theory]
    [InlineData("There's a drunk man on the 22:40 train harassing me and the guard is nowhere. I'm scared", true)]
    [InlineData("he's following me down the carriage", true)]
    [InlineData("I feel unsafe, a man keeps touching me on the bus", true)]
    [InlineData("your debt collectors keep harassing me with calls, I'm scared to open the post", false)]
    [InlineData("your staff followed me around the store like a thief", false)]
    [InlineData("someone keeps following me on instagram pretending to be you", false)]
    [InlineData("Lovely staff but the room was filthy and smelt of smoke", false)]
    [InlineData("power cut on our street for 6 hours, my mum is on a home oxygen machine, battery is running low", true)]
    [InlineData("I saw there's a recall on the peanut butter - I already fed some to my kid who has allergies, is he going to be ok??", true)]
    [InlineData("my phone battery is running low and the oxygen bar promo code doesn't work", false)]
    public async Task Someone_harassed_or_followed_now_is_safety_and_calls_staff_or_a_stale_smell_are_not(string text, bool safety)
    {
        var result = await TriageAsync(text);

        Assert.Equal(safety, result.Safety.Detected);
    }

    [Theory]
    [InlineData("I'm a wheelchair user, assistance didn't turn up and I'm stuck on platform 3, the lift is out of order", true)]
    [InlineData("Stuck in the port with the car and two dogs, the ferry has gone without us", true)]
    [InlineData("back in March my train was delayed 45 minutes. Not urgent, just wondering how to claim", false)]
    [InlineData("my mobility scooter order is stuck in the warehouse", false)]
    [InlineData("food ordered 2 hour ago and still not come, my child is hungry. please help quick", true)]
    [InlineData("my account is locked and I cant pay my rent today", true)]
    [InlineData("its 1am and the car hire desk at malaga airport is CLOSED, where am i supposed to go??", true)]
    [InlineData("my coach never showed up lol. been at victoria coach station 40 mins", true)]
    [InlineData("I've been at the station 20 years as a commuter and love the new cafe", false)]
    [InlineData("thanks for the quick help last week", false)]
    public async Task A_traveller_who_cannot_move_on_is_urgent_and_not_urgent_said_is_not(string text, bool urgent)
    {
        var result = await TriageAsync(text);

        Assert.Equal(urgent, result.Urgency.Detected);
    }

    [Theory]
    [InlineData("the fridge freezer is on the step and i also cant get out of my front door now its blocking it", true)]
    [InlineData("we are stuck in the lift at your store", true)]
    [InlineData("the window restrictor you fitted last week has snapped and my 2 year old can open the bedroom window upstairs", true)]
    [InlineData("my oven door glass shattered while i was cooking, glass everywhere", true)]
    [InlineData("i cant get out of my contract without paying £200", false)]
    [InlineData("my phone screen shattered when i dropped it", false)]
    [InlineData("the van blocked my drive for an hour this morning", false)]
    [InlineData("she's gone pale and is not breathing properly", true)]    // got no reply while the case waited (2026-12-07 trial, late night)
    [InlineData("he's unconscious on the kitchen floor", true)]
    [InlineData("my baby's lips have gone blue", true)]
    [InlineData("i'm not breathing a word of this to anyone", false)]
    [InlineData("my white shirts turned blue in your washing machine", false)]
    [InlineData("the training was on unconscious bias", false)]
    public async Task Danger_in_everyday_words_is_safety_and_a_contract_or_a_phone_screen_is_not(string text, bool safety)
    {
        var result = await TriageAsync(text);

        Assert.Equal(safety, result.Safety.Detected);
    }

    [Theory]
    [InlineData("I ordered the nut-free meal and my son's lips are swelling up", true)]
    [InlineData("ate the chicken from tonight's order and it was pink in the middle, now being sick", true)]
    [InlineData("the delivery rider crashed his scooter outside my house and he's hurt", true)]
    [InlineData("I'm sick of waiting for my refund", false)]
    [InlineData("the new menu is sick, ordering again tonight", false)]
    [InlineData("my feelings are hurt that nobody replied", false)]
    public async Task An_allergic_reaction_sickness_after_a_meal_or_someone_hurt_is_safety(string text, bool safety)
    {
        var result = await TriageAsync(text);

        Assert.Equal(safety, result.Safety.Detected);
    }

    [Theory]
    [InlineData("honestly best bank i've ever had. no hidden fees, app just works")]
    [InlineData("Big thanks to Marcus who got my card unblocked while I was stuck at the airport. Legend.")]
    [InlineData("The receptionist Aisha was amazing when I locked myself out at 3am, please pass on my thanks!")]
    [InlineData("Hi, just wanted to say thank you - the blender broke, your team sent a replacement and it works perfectly.")]
    [InlineData("Shoutout to Contoso travel, they rebooked our cancelled ferry in 10 minutes and were so kind about it. 10/10")]
    public async Task Praise_that_names_a_problem_solved_or_absent_is_not_a_complaint_or_urgent(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.Complaint.Detected, text);
        Assert.False(result.Urgency.Detected, text);
    }

    [Theory]
    [InlineData("shout out to contoso for cancelling my flight again, great job")]
    [InlineData("Hi, just wanted to say thank you for nothing")]
    public async Task A_sarcastic_shout_out_or_thank_you_is_still_a_complaint(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.Complaint.Detected, text);
    }

    [Theory]
    [InlineData("please don't ring me, I can only do text")]
    [InlineData("do not call me, email only")]
    public async Task Asking_not_to_be_called_is_not_asking_for_a_person(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.WantsHuman.Detected, text);
    }

    [Theory]
    [InlineData("new app update is actually fire ngl, way faster", false)]
    [InlineData("switched to you last month and my wifi has never been this stable. 10/10", false)]
    [InlineData("you lot are smashing it but my parcel is late", true)]
    [InlineData("the charger is fire hot and smells", true)]
    [InlineData("the app is fire?? it hasn't loaded all day", true)]
    public async Task Slang_praise_is_no_complaint_unless_something_is_wrong(string text, bool complaint)
    {
        var result = await TriageAsync(text);

        Assert.Equal(complaint, result.Complaint.Detected);
    }

    [Theory]
    [InlineData("can someone please call me")]
    [InlineData("give me a call, this needs a conversation")]
    [InlineData("stop sending me canned replies and fix it")]
    [InlineData("another generic response. great.")]
    [InlineData("please put me through to someone who can help")]
    [InlineData("is there anyone I can actually talk to")]
    public async Task Asking_for_a_call_or_rejecting_canned_replies_wants_a_human(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.WantsHuman.Detected, text);
    }

    [Theory]
    [InlineData("the next flight they put me on was delayed too")]
    [InlineData("you put me on a later train without asking")]
    [InlineData("I never asked to talk to a person, why are you passing me on?")]
    [InlineData("please don't transfer me to an agent, I just want to change my address")]
    [InlineData("can you do it yourself? I don't want to talk to anyone")]
    public async Task Being_put_on_a_flight_is_not_asking_for_a_person(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.WantsHuman.Detected, text);
    }

    [Fact]
    public async Task Fire_emoji_under_a_post_is_not_a_complaint() =>
        Assert.False((await TriageAsync("🔥🔥🔥")).Complaint.Detected);

    // "look at this, contoso still hasnt fixed my broadband lol" got no reply at all (2026-12-07 trial).
    [Theory]
    [InlineData("look at this, contoso still hasnt fixed my broadband lol")]
    [InlineData("my refund still hasn't been paid")]
    public async Task Still_not_fixed_is_a_complaint_by_its_cue(string text)
    {
        var result = await TriageAsync(text);

        Assert.Contains(result.Complaint.Reasons, r => r.StartsWith("problem not fixed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Sorry, wrong page!", false)]
    [InlineData("sorry, wrong page, but my parcel is still missing", true)]
    public async Task A_slip_is_no_complaint(string text, bool complaint)
    {
        var result = await TriageAsync(text);

        Assert.Equal(complaint, result.Complaint.Detected);
    }

    [Fact]
    public async Task Switching_tomorrow_is_churn() =>
        Assert.True((await TriageAsync("Fabrikam is way better and cheaper lol, switching tomorrow")).Churn.Detected);

    [Theory]
    [InlineData("@Skyline we will not be flying with you again")]
    [InlineData("won't be ordering from you ever again, 3 weeks for a refund")]
    [InlineData("never again")]
    [InlineData("this is the last straw")]
    public async Task Saying_they_will_not_come_back_is_a_complaint_by_its_cue(string text)
    {
        var result = await TriageAsync(text);

        Assert.Contains(result.Complaint.Reasons, r => r.StartsWith("will not come back", StringComparison.Ordinal));
        Assert.True(result.Churn.Detected, text);
    }

    [Theory]
    [InlineData("I'll never shop anywhere else again!")]
    [InlineData("won't fly with anyone else ever again, thanks for a lovely trip")]
    public async Task Loyalty_is_neither_leaving_nor_a_complaint(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.Churn.Detected, text);
        Assert.DoesNotContain(result.Complaint.Reasons, r => r.StartsWith("will not come back", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("stuck at the gate for the third hour #skylinefail", true)]
    [InlineData("2 hours for a pizza #worstserviceever", true)]
    [InlineData("@shop the new store layout #notimpressed", true)]
    [InlineData("@shop love the new store layout #nofilter", false)]
    [InlineData("our backups are #failsafe now, thanks @cloud", false)]
    public async Task A_complaint_hashtag_is_a_complaint_cue(string text, bool cue) =>
        Assert.Equal(cue, (await TriageAsync(text)).Complaint.Reasons.Any(r => r.StartsWith("strong dissatisfaction", StringComparison.Ordinal)));

    [Theory]
    [InlineData("how much?", false)]
    [InlineData("how much is this", false)]
    [InlineData("@contoso how much for the blue one?", false)]
    [InlineData("how much longer?!", true)]
    [InlineData("how much is this, it broke after a day", true)]
    public async Task A_price_question_under_a_post_is_not_a_complaint(string text, bool complaint) =>
        Assert.Equal(complaint, (await TriageAsync(text)).Complaint.Detected);

    [Theory]
    [InlineData("how much longer do we have to wait", true)]
    [InlineData("how much longer are you going to keep me on hold", true)]
    [InlineData("how much longer is the sale on?", false)]
    [InlineData("how much longer will the winter menu run", false)]
    public async Task How_much_longer_is_impatience_unless_it_asks_about_an_offer(string text, bool complaint) =>
        Assert.Equal(complaint, (await TriageAsync(text)).Complaint.Detected);

    [Theory]
    [InlineData("@AskAmex thank you so much for sorting out the fraud on my card so quickly, great service")]
    [InlineData("thx for refunding the double charge, appreciate it")]
    [InlineData("thanks for fixing my broken boiler so fast!")]
    public async Task Thanks_for_a_problem_put_right_is_neither_a_complaint_nor_urgent(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.Complaint.Detected, text);
        Assert.False(result.Urgency.Detected, text);
    }

    [Theory]
    [InlineData("thanks for sorting the refund but my card is still blocked")]
    [InlineData("thanks for fixing nothing")]
    [InlineData("thanks for \"fixing\" my wifi 🙄")]
    [InlineData("thank you for fixing the app, it crashed again today")]
    [InlineData("thanks for fixing it, why was I charged twice in the first place?")]
    [InlineData("thank you for the fix. the app still crashes")]
    [InlineData("thanks for fixing it\nbut it crashed again today")]
    public async Task Thanks_with_something_still_wrong_is_a_complaint(string text) =>
        Assert.True((await TriageAsync(text)).Complaint.Detected, text);

    [Theory]
    [InlineData("@Wells_Fargo someone opened an account in my name")]
    [InlineData("somebody took out a loan using my name")]
    [InlineData("an account was opened in my name without my knowledge")]
    public async Task An_account_opened_in_my_name_by_someone_else_is_urgent_fraud(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.Complaint.Detected, text);
        Assert.True(result.Urgency.Detected, text);
    }

    [Theory]
    [InlineData("I opened an account in my name last year, how do I close it?")]
    [InlineData("how do I open an account in my daughter's name?")]
    public async Task Opening_an_account_yourself_is_not_fraud(string text) =>
        Assert.False((await TriageAsync(text)).Urgency.Detected, text);

    [Theory]
    [InlineData("@Shopify is the API down? getting 503s")]
    [InlineData("the portal keeps timing out")]
    [InlineData("the server returned a 404 when I clicked the link in your email")]
    public async Task A_service_that_fails_as_developers_say_it_is_a_complaint(string text) =>
        Assert.True((await TriageAsync(text)).Complaint.Detected, text);

    [Theory]
    [InlineData("@Chipotle found a hair in my burrito bowl 🤢")]
    [InlineData("there was a cockroach in the bathroom of our room")]
    [InlineData("@Amazon Alexa keeps turning on the lights at 3am lol what")]
    [InlineData("the heating keeps switching off at night")]
    public async Task Something_in_the_food_or_a_device_acting_up_is_a_complaint(string text)
    {
        var result = await TriageAsync(text);

        Assert.True(result.Complaint.Detected, text);
        Assert.False(result.Praise.Detected, text);
    }

    [Theory]
    [InlineData("@NatWest_Help I'm abroad and my card has been blocked, I have no cash", true)]
    [InlineData("my card is frozen and I have no other way to pay for the hotel", true)]
    [InlineData("I'm travelling next week, will my card work abroad?", false)]
    public async Task A_card_blocked_far_from_home_is_urgent(string text, bool urgent) =>
        Assert.Equal(urgent, (await TriageAsync(text)).Urgency.Detected);

    [Theory]
    [InlineData("@AmazonHelp received an empty box lol", true)]
    [InlineData("the parcel arrived empty, just packaging", true)]
    [InlineData("can I send it back in an empty box?", false)]
    [InlineData("do you sell empty boxes for moving?", false)]
    public async Task An_empty_box_instead_of_the_order_is_a_complaint(string text, bool complaint) =>
        Assert.Equal(complaint, (await TriageAsync(text)).Complaint.Detected);

    [Theory]
    [InlineData("@Zentro my speaker will not turn on since the update", "broken, damaged or faulty")]
    [InlineData("laptop won't get past the logo screen", "broken, damaged or faulty")]
    [InlineData("the scanner no longer recognises my card", "broken, damaged or faulty")]
    [InlineData("all my saved playlists have disappeared", "broken, damaged or faulty")]
    [InlineData("keep getting network errors on the tablet app", "broken, damaged or faulty")]
    [InlineData("we are having issues with the card reader again", "broken, damaged or faulty")]
    [InlineData("you sent me the wrong charger", "broken, damaged or faulty")]
    [InlineData("there's a fault on my line again", "broken, damaged or faulty")]
    [InlineData("my son ended up in hospital after eating your 'nut free' bar", "safety problem with a product or service")]
    [InlineData("the replacement bus took 3 hours for a 50 minute journey", "order not delivered")]
    [InlineData("the app is so buggy since the update", "broken, damaged or faulty")]
    [InlineData("messaged you on Monday, not heard back yet", "no response")]
    [InlineData("you have still not replied to my email", "no response")]
    [InlineData("an agent answered once and never responded after that", "no response")]
    [InlineData("when can I expect a reply to my ticket?", "no response")]
    [InlineData("two weeks and no communication at all", "no response")]
    [InlineData("love it when the call centre hangs up on you", "rude or unhelpful staff")]
    [InlineData("this seller is scamming people, be warned", "strong dissatisfaction")]
    [InlineData("your chat person wasn't helpful at all", "strong dissatisfaction")]
    [InlineData("you really let me down this time", "strong dissatisfaction")]
    [InlineData("I'm really regretting buying this fridge", "strong dissatisfaction")]
    [InlineData("Love waiting 40 minutes for a coffee", "sarcasm")]
    [InlineData("@Northline sat on the platform through a two hour delay", "kept waiting")]
    [InlineData("another delay on my refund, wow", "kept waiting")]
    [InlineData("what's the hold up with my passport renewal??", "kept waiting")]
    [InlineData("the lady at the counter was less than friendly", "strong dissatisfaction")]
    [InlineData("not at all happy with how this was handled", "strong dissatisfaction")]
    [InlineData("I'm slowly losing trust in you as a bank", "strong dissatisfaction")]
    [InlineData("a billion pound company, you need to do better", "strong dissatisfaction")]
    [InlineData("how come you can't tell me where my parcel is", "strong dissatisfaction")]
    [InlineData("it wouldn't be the first time you lost my post", "strong dissatisfaction")]
    [InlineData("it's not the first time this has happened with my account", "strong dissatisfaction")]
    [InlineData("third outage this week, this is getting really old", "strong dissatisfaction")]
    [InlineData("45 minutes for a pizza #badcustomerservice", "strong dissatisfaction")]
    [InlineData("your phone line never fails to disappoint", "sarcasm")]
    [InlineData("thanks for the miserable weekend @Brightwave", "sarcasm")]
    [InlineData("engineer booked for Friday. I'll believe it when I see it", "sarcasm")]
    [InlineData("you have yet to respond to my complaint", "no response")]
    [InlineData("I sent you a DM hours ago.", "no response")]
    [InlineData("thanks for making me wait an hour on the platform", "sarcasm")]
    [InlineData("thank you for making a simple return so difficult", "sarcasm")]
    [InlineData("Lost my parcel again. Brilliant.", "sarcasm")]
    [InlineData("oh good, a chatbot. just what I needed at 11pm with no internet", "sarcasm")]
    [InlineData("great. it logged me out. and now it says my email isn't registered", "sarcasm")]
    [InlineData("love how your \"24/7 support\" closes at 8pm", "sarcasm")]
    [InlineData("love how you charge me twice and call it a glitch", "sarcasm")]
    [InlineData("waited 40 minutes and still no bus. brilliant.", "sarcasm")]
    public async Task A_problem_said_plainly_mildly_or_with_a_smile_is_a_complaint_with_a_reason(string text, string cue)
    {
        var result = await TriageAsync(text);

        Assert.True(result.Complaint.Detected, text);
        Assert.Contains(result.Complaint.Reasons, r => r.StartsWith(cue, StringComparison.Ordinal));
        Assert.False(result.Praise.Detected, text);
    }

    [Theory]
    [InlineData("thank you for making it so easy to switch, really impressed")]
    [InlineData("thanks for making my mum's first online order painless")]
    [InlineData("sofa delivered a day early and the driver carried it upstairs. Brilliant.")]
    [InlineData("thought I'd be on hold for ages but got someone in 2 minutes. nice one")]
    [InlineData("@Lendwell thanks for the info, that's exactly what I needed")]
    [InlineData("the spa was heaven, exactly what I needed after a mad week")]
    [InlineData("perfect, thanks so much")]
    [InlineData("lovely, appreciate it")]
    [InlineData("honestly can't fault the crew at the repair centre, in and out in 25 minutes")]
    [InlineData("the team at the branch sorted a mess with my business account in 20 mins, thank you")]
    [InlineData("massive thank you to Joanne, she made an awful week a bit lighter")]
    [InlineData("renewing my badge online was so smooth, took 5 minutes 👌")]
    [InlineData("love that you can freeze and unfreeze the card in one tap, so handy")]
    [InlineData("support sorted my double charge in under an hour. genuinely impressed")]
    public async Task Praise_that_names_a_problem_or_sounds_like_sarcasm_is_thanked_not_apologised_to(string text)
    {
        var result = await TriageAsync(text);

        Assert.False(result.Complaint.Detected, string.Join("; ", result.Complaint.Reasons));
        Assert.True(result.Praise.Detected, text);
    }

    [Theory]
    [InlineData("thanks, you sorted the refund but my card is still blocked")]
    [InlineData("thank you for fixing nothing")]
    [InlineData("cheers for the refund, shame it took a nightmare month?")]
    [InlineData("not impressed, you sorted the bill and then charged me again")]
    public async Task Thanks_with_something_still_wrong_stays_a_complaint(string text) =>
        Assert.True((await TriageAsync(text)).Complaint.Detected, text);

    [Theory]
    [InlineData("they have never let me down in ten years", "strong dissatisfaction")]
    [InlineData("the mechanic didn't charge me for the check, legend", "broken, damaged or faulty")]
    [InlineData("the pain in my back is gone after the new mattress", "broken, damaged or faulty")]
    [InlineData("will a double buggy fit in the boot?", "broken, damaged or faulty")]
    [InlineData("we assembled it upside down, not your fault, just had to share", "broken, damaged or faulty")]
    [InlineData("all good, it isn't your fault the plane needed maintenance", "broken, damaged or faulty")]
    [InlineData("couldn't fault the delivery team, thank you", "broken, damaged or faulty")]
    [InlineData("will you deliver to a hospital ward?", "safety problem with a product or service")]
    [InlineData("does the number 9 stop at the hospital main entrance?", "safety problem with a product or service")]
    [InlineData("no help needed, just saying hi", "no response")]
    [InlineData("we regret nothing, best holiday ever", "strong dissatisfaction")]
    [InlineData("no delay at all, arrived a day early", "kept waiting")]
    [InlineData("how come some chargers are faster than others?", "strong dissatisfaction")]
    [InlineData("is the small one less than 20 quid?", "strong dissatisfaction")]
    [InlineData("first time ordering, how does delivery work?", "strong dissatisfaction")]
    [InlineData("not the first time I've ordered from you and it won't be the last", "strong dissatisfaction")]
    [InlineData("will there be more delays on the line tomorrow?", "kept waiting")]
    [InlineData("I have every confidence in your team", "strong dissatisfaction")]
    [InlineData("thanks for the quick fix", "sarcasm")]
    [InlineData("thank you for the lovely weekend", "sarcasm")]
    [InlineData("I emailed you 2 days ago to book, can I add a person?", "no response")]
    public async Task Look_alikes_of_those_problems_do_not_fire_the_cue(string text, string cue) =>
        Assert.DoesNotContain((await TriageAsync(text)).Complaint.Reasons, r => r.StartsWith(cue, StringComparison.Ordinal));
}
