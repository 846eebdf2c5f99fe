namespace CareBot.Triage.Training.Corpus;

/// <summary>
/// Urgent messages (stranded or waiting now, a departure, event or deadline within hours at risk, safety, health, heat,
/// power or money to live on) and hard negatives that look like them but are not urgent: the same trouble told
/// afterwards, "on hold" alone, plans days away, "RIGHT NOW" as anger, trouble already over. Many urgent messages are
/// complaints too, and are labelled both.
/// </summary>
internal sealed partial class CorpusGenerator
{
    private static readonly string[] Hurry = ["please hurry", "pls help", "help!!", "need help now", "asap please", "someone answer pls", "what do we do now", "please reply fast",
        "HELP", "anyone??", "need this fixed right now", "pls pls pls", "urgent", "please do something"];

    private static readonly string[] Waits = ["no updates", "nobody at the desk", "no staff anywhere", "no answers", "no food or water", "nobody tells us anything", "no information at all",
        "nobody picks up", "no plan", "not a word from anyone"];

    private static readonly string[] AtRisk = ["my connection", "my flight", "the wedding", "my interview", "the school pick up", "my shift", "the meeting", "my train", "the concert", "the funeral",
        "my exam", "the last bus home", "our show"];

    private static readonly string[] Past = ["yesterday", "last week", "on friday", "back in march", "on our last trip", "a few weeks ago", "last summer", "the other day", "over christmas"];

    private static readonly string[] Over = ["made it in the end, no thanks to you", "finally sorted after {n} days", "all fixed now but it took {n} calls", "got there eventually, what a day",
        "it's over now but never again", "finally home after all that", "resolved now, but I want an apology"];

    private void AddUrgency(Industry industry, int urgent, int lookAlikes, List<CorpusMessage> messages, HashSet<string> seen)
    {
        var situation = UrgentSituations.For(industry.Name);
        for (var (made, attempts) = (0, 0); made < urgent && attempts < urgent * 20; attempts++)
        {
            var (text, complaint, question) = UrgentMessage(situation, industry);
            made += Add(industry, text, complaint, question, urgent: true, messages, seen) ? 1 : 0;
        }

        for (var (made, attempts) = (0, 0); made < lookAlikes && attempts < lookAlikes * 20; attempts++)
        {
            var (text, complaint, question) = LookAlike(situation, industry);
            made += Add(industry, text, complaint, question, urgent: false, messages, seen) ? 1 : 0;
        }
    }

    private bool Add(Industry industry, string template, bool complaint, bool question, bool urgent, List<CorpusMessage> messages, HashSet<string> seen)
    {
        var kind = complaint ? Kind.Complaint : question ? Kind.Question : Kind.Neutral;
        var text = Restyle(Shorthand(Fill(template, industry)), kind, industry);
        if (!seen.Add(text))
        {
            return false;
        }

        messages.Add(new CorpusMessage(industry.Name, complaint, Praise: false, question || text.Contains('?', StringComparison.Ordinal), urgent, text) { UrgencyOnly = true });
        return true;
    }

    private (string Text, bool Complaint, bool Question) UrgentMessage(UrgentSituation s, Industry i) => random.NextDouble() switch
    {
        < 0.25 => (Pick(
            $"still {Pick(s.Places)}, {Pick(Waits)}",
            $"been {Pick(s.Places)} for {{n}} hours now, {Pick(Waits)}",
            $"we're {Pick(s.Places)} and {Pick(Waits)}",
            $"{{n}} hours {Pick(s.Places)} and counting. {Pick(Waits)}",
            $"{Pick(s.Places)} since {{n}}am, {Pick(Waits)}",
            $"currently {Pick(s.Places)}. {Pick(Waits)}. anyone?",
            $"right now: {Pick(s.Places)}, {Pick(Waits)}",
            $"I'm {Pick(s.Places)} as we speak and {Pick(Waits)}",
            $"{{n}}0 mins {Pick(s.Places)} now. {Pick(Hurry)}",
            $"{Pick(s.Blockers)} and we're still {Pick(s.Places)}",
            $"{Pick(s.Places)} for {{n}} hours now and {Pick(s.Blockers)}",
            $"{Pick(s.Blockers)}. still {Pick(s.Places)}. {Pick(Hurry)}",
            $"if this takes any longer I'll miss {Pick(AtRisk)}. {Pick(s.Blockers)}",
            $"no way I make {Pick(AtRisk)} now, {Pick(s.Blockers)}",
            $"I can't miss {Pick(AtRisk)}! {Pick(s.Blockers)}",
            $"going to miss {Pick(AtRisk)} because {Pick(s.Blockers)}"), true, false),
        < 0.45 => (Pick(
            $"{Pick(s.Stranded)}",
            $"{Pick(s.Stranded)}. {Pick(Hurry)}",
            $"{Pick(Hurry)}, {Pick(s.Stranded)}",
            $"{Pick(s.Stranded)}, {Pick("that's {n} hours now", "going on {n} hours", "still nothing", "no end in sight")}",
            $"{Pick(s.Stranded)} and nobody tells us anything",
            $"{Pick(s.Stranded)}. {Pick(AngryEndings)}"), true, false),
        < 0.62 => (Pick(
            $"{Pick(s.Deadlines)} and {Pick(s.Blockers)}",
            $"{Pick(s.Blockers)} and {Pick(s.Deadlines)}. {Pick(Hurry)}",
            $"{Pick(s.Blockers)}, {Pick(s.Deadlines)}!!",
            $"{Pick(s.Deadlines)}, {Pick(s.Blockers)}. what do I do",
            $"{Pick(s.Blockers)} - {Pick(s.Deadlines)}. {Pick(AngryEndings)}"), true, false),
        < 0.70 => (Pick(
            $"{Pick(s.Deadlines)}, can you make sure it's sorted in time?",
            $"{Pick(s.Deadlines)}. is there any way to speed this up?",
            $"{Pick("please confirm asap", "can you check quickly", "need to know fast", "any news in the next hour?", "pls let me know soon")}, {Pick(s.Deadlines)}",
            $"{Pick(s.Deadlines)}, will I make it?",
            $"can someone call me back in the next hour? {Pick(s.Deadlines)}"), false, true),
        < 0.84 => (Pick(
            $"{Pick(s.Essentials)}",
            $"{Pick(s.Essentials)}. {Pick(Hurry)}",
            $"{Pick(Hurry)} {Pick(s.Essentials)}",
            $"{Pick(s.Essentials)} and {Pick(s.Blockers)}"), true, false),
        < 0.92 => (Pick(
            $"I need my {Pick(i.Things)} today, {Pick(s.Blockers)}",
            $"need this sorted before {Pick("5pm", "tonight", "the end of the day", "noon", "6")}. {Pick(s.Blockers)}",
            $"pls I need the {Pick(i.Things)} fixed by tonight, {Pick(s.Deadlines)}",
            $"it has to be today: {Pick(s.Deadlines)} and {Pick(s.Blockers)}"), true, false),
        _ => (Pick(
            $"please help urgent, {Pick(s.Stranded)}",
            $"i am here now and {Pick(s.Blockers)}, what i must do?",
            $"sir kindly help fast, {Pick(s.Deadlines)} and {Pick(s.Blockers)}",
            $"please we need help now, {Pick(s.Stranded)}",
            $"hello, very urgent. {Pick(s.Essentials)}"), true, false),
    };

    private (string Text, bool Complaint, bool Question) LookAlike(UrgentSituation s, Industry i) => random.NextDouble() switch
    {
        < 0.25 => (Pick(
            $"{Pick(Past)} we were {Pick(s.Places)} for {{n}} hours, {Pick(Waits)}",
            $"spent {{n}} hours {Pick(s.Places)} {Pick(Past)}. {Pick(Waits)}",
            $"{Pick(s.Places)} for {{n}} hours {Pick(Past)}, never again",
            $"still annoyed about {Pick(Past)}: {{n}} hours {Pick(s.Places)}, {Pick(Waits)}",
            $"{Pick(Past)}: {{n}}0 mins {Pick(s.Places)} and {Pick(Waits)}. {Pick(AngryEndings)}",
            $"I was {Pick(s.Places)} for ages {Pick(Past)} and {Pick(Waits)}",
            $"missed {Pick(AtRisk)} {Pick(Past)} because of you",
            $"{Pick(Past)} I missed {Pick(AtRisk)} thanks to you. {Pick(AngryEndings)}"), true, false),
        < 0.42 => (Pick(
            $"still {Pick(s.Ongoing)}, {Pick(Waits)}",
            $"been {Pick(s.Ongoing)} for {{n}} days now, {Pick(Waits)}",
            $"{{n}} days {Pick(s.Ongoing)} and counting. {Pick(Waits)}",
            $"currently {Pick(s.Ongoing)}. {Pick(AngryEndings)}",
            $"I'm {Pick(s.Ongoing)} as we speak and {Pick(Waits)}",
            $"we're {Pick(s.Ongoing)} and {Pick(Waits)}",
            $"{Pick(s.Ongoing)} since monday, {Pick(Waits)}"), true, false),
        < 0.56 => (Pick(
            $"{Pick(s.PastTroubles)}",
            $"{Pick(s.PastTroubles)}. {Pick(AngryEndings)}",
            $"{Pick(s.PastTroubles)}, still waiting for an answer",
            $"just remembered: {Pick(s.PastTroubles)}. never again",
            $"{Pick(s.PastTroubles)} and I'm still annoyed"), true, false),
        < 0.68 => (Pick(
            "stuck on hold for {n}0 minutes",
            $"been on hold an hour now. {Pick(AngryEndings)}",
            "{n}0 minutes on hold and counting",
            "on hold since lunch, great",
            $"stuck on hold again, {Pick(FlatEndings)}"), true, false),
        < 0.80 => (Pick(
            $"{Pick(s.LaterPlans)}",
            $"{Pick(s.LaterPlans)}, {Pick(i.Questions)}?",
            $"{Pick(s.LaterPlans)}. no rush, just planning ahead"), false, false),
        < 0.86 => (Pick(
            $"{Pick(s.Deadlines)} and everything is on track, thanks",
            $"{Pick(s.Deadlines)}, all good so far",
            $"{Pick(s.Deadlines)}. so excited!",
            $"{Pick(s.Deadlines)} and it all worked out, thank you",
            $"who else is {Pick("out", "watching the game", "at the concert", "going to the party")} tonight?"), false, false),
        < 0.92 => (Pick(
            $"right now I'm just {Pick("so disappointed in you", "done with you", "annoyed", "tired of this")}",
            $"I am so angry right now. {Pick(i.Failures)}",
            $"honestly right now I can't even. {Pick(i.PlainFailures)}",
            $"fix this RIGHT NOW. {Pick(i.Failures)}",
            $"I want my money back NOW. {Pick(i.Failures)}",
            $"{Pick(i.Failures)}. sort it out right now",
            $"answer me now!! {Pick(i.Failures)}",
            $"{Pick(i.Failures)}. your service is a joke"), true, false),
        _ => (Pick(
            $"{Pick(Over)}",
            $"{Pick(s.PastTroubles)}. {Pick(Over)}"), true, false),
    };

    /// <summary>The short forms people type when they are in a hurry.</summary>
    private string Shorthand(string text)
    {
        if (!Chance(0.3))
        {
            return text;
        }

        return text.Replace(" hours", " hrs", StringComparison.Ordinal).Replace(" minutes", " mins", StringComparison.Ordinal)
            .Replace("right now", "rn", StringComparison.Ordinal).Replace("tonight", "tonite", StringComparison.Ordinal)
            .Replace("tomorrow", "tmrw", StringComparison.Ordinal).Replace("please", "pls", StringComparison.Ordinal)
            .Replace(" and ", " & ", StringComparison.Ordinal);
    }
}
