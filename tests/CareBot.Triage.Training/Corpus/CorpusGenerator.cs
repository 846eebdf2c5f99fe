using System.Globalization;
using System.Text;

namespace CareBot.Triage.Training.Corpus;

/// <summary>
/// Writes the training corpus: templates for complaints (plain facts, angry, sarcastic, non-native, asked as a
/// question), praise, questions and neutral news, filled with each industry's words and then restyled the way people
/// type on social media (lower case, ALL CAPS, typos, "u"/"pls", dropped apostrophes, stretched letters, emoji,
/// hashtags, @handles, links). Seeded, so the same seed writes the same file. Urgent messages and their look-alikes
/// come in a second pass (CorpusGenerator.Urgency.cs), so the first pass writes the same messages it wrote before.
/// </summary>
internal sealed partial class CorpusGenerator(int seed)
{
    private readonly Random random = new(seed);

    private static readonly string[] AngryEndings = ["unacceptable", "ridiculous", "so annoyed", "never again", "worst service ever", "this is a joke", "sort it out", "absolutely shocking",
        "not happy", "fuming", "do better", "what a shambles", "seriously", "I'm done", "pathetic", "come on", "disgraceful", "so frustrating", "sick of this", "fix it"];
    private static readonly string[] FlatEndings = ["", "", "", "wow", "great.", "cool cool cool", "nice", "again", "thanks a lot", "love that for me", "just wow", "amazing", "lol", "smh", "ugh", "classic", "every time", "of course"];
    private static readonly string[] ComplaintEmoji = ["😡", "😤", "🙄", "😒", "👎", "💔", "😭", "🤬", "😠", "😩", "🤦‍♀️", "🤦"];
    private static readonly string[] PraiseEmoji = ["❤️", "😍", "🙌", "👏", "😊", "🎉", "👍", "🥰", "💯", "🙏", "✨"];
    private static readonly string[] ComplaintTags = ["#fail", "#neveragain", "#customerservice", "#badservice", "#disappointed", "#worst", "#help", "#unacceptable", "#ripoff"];
    private static readonly string[] PraiseTags = ["#thankyou", "#greatservice", "#happycustomer", "#loyal", "#love", "#bestever", "#kudos"];
    private static readonly string[] Names = ["Maria", "Jeff", "Sam", "Priya", "Tom", "Aisha", "Luis", "Kate", "Ben", "Chen", "Ola", "Fatima"];

    /// <summary>
    /// Writes <paramref name="perIndustry"/> messages for each industry, then <paramref name="urgentPerIndustry"/> urgent
    /// messages and <paramref name="lookAlikesPerIndustry"/> look-alikes that are not urgent, without exact duplicates.
    /// </summary>
    public List<CorpusMessage> Generate(int perIndustry, int urgentPerIndustry, int lookAlikesPerIndustry)
    {
        var messages = new List<CorpusMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var industry in Industries.All)
        {
            var made = 0;
            var attempts = 0;
            while (made < perIndustry && attempts++ < perIndustry * 20)
            {
                var message = One(industry);
                if (seen.Add(message.Text))
                {
                    messages.Add(message);
                    made++;
                }
            }
        }

        foreach (var industry in Industries.All)
        {
            AddUrgency(industry, urgentPerIndustry, lookAlikesPerIndustry, messages, seen);
        }

        return messages;
    }

    private CorpusMessage One(Industry industry)
    {
        var roll = random.NextDouble();
        // Urgency: these templates were written before urgency was learned. The families that state a trouble plainly
        // ("stuck in Denver overnight", "no crew, no plane, no answers") may be happening now or long over, so their
        // urgency is unknown (null: the urgency head does not learn from them); the others are not urgent.
        var (text, complaint, praise, question, kind, urgent) = roll switch
        {
            < 0.10 => (AngryComplaint(industry), true, false, false, Kind.Complaint, (bool?)null),
            < 0.19 => (PlainComplaint(industry), true, false, false, Kind.Complaint, null),
            < 0.24 => (Sarcasm(industry), true, false, false, Kind.Complaint, false),
            < 0.28 => (NonNativeComplaint(industry), true, false, false, Kind.Complaint, false),
            < 0.33 => (QuestionComplaint(industry), true, false, true, Kind.Complaint, false),
            < 0.39 => (ServiceComplaint(industry), true, false, false, Kind.Complaint, false),
            < 0.45 => (GenericComplaint(industry), true, false, false, Kind.Complaint, null),
            < 0.49 => (MildOrMixedComplaint(industry), true, false, false, Kind.Complaint, false),
            < 0.62 => (Praise(industry), false, true, false, Kind.Praise, false),
            < 0.75 => (CalmQuestion(industry), false, false, true, Kind.Question, false),
            < 0.80 => (ProblemQuestion(industry), false, false, true, Kind.Question, false),
            < 0.87 => (Request(industry), false, false, false, Kind.Neutral, false),
            _ => (Neutral(industry), false, false, false, Kind.Neutral, false),
        };
        text = Fill(text, industry);
        text = Restyle(text, kind, industry);
        question = question || text.Contains('?', StringComparison.Ordinal);
        return new CorpusMessage(industry.Name, complaint, praise, question, urgent, text);
    }

    private enum Kind { Complaint, Praise, Question, Neutral }

    private string AngryComplaint(Industry i) => Pick(
        $"{Pick(i.Failures)}. {Pick(AngryEndings)}",
        $"{Pick(i.Failures)} and {Pick(i.Failures)}. {Pick(AngryEndings)}",
        $"{Pick(AngryEndings)}. {Pick(i.Failures)}",
        $"so {Pick(i.Failures)} and nobody cares",
        $"{Pick(i.Failures)}. {Pick("I want my money back", "I want a refund", "give me a refund", "someone call me", "I expect compensation", "I want to speak to a manager", "this needs fixing today")}",
        $"hey {{handle}} {Pick(i.Failures)}. {Pick("how is this ok", "explain", "what now", "care to explain", "where is the customer service")}",
        $"{Pick(i.Failures)}, {Pick("the " + Pick(i.Staff) + " could not care less", "and your " + Pick(i.Staff) + " just shrugged", "and the " + Pick(i.Staff) + " was useless", "and I got a copy paste reply")}",
        $"{Pick("honestly", "genuinely", "literally", "tbh", "ngl")} {Pick(i.Failures)}. {Pick(AngryEndings)}",
        $"{Pick("been a customer for", "loyal for")} {{n}} years and {Pick(i.Failures)}. {Pick(AngryEndings)}",
        $"first {Pick(i.Failures)}, then {Pick(i.Failures)}");

    private string PlainComplaint(Industry i) => Pick(
        $"{Pick(i.PlainFailures)}. {Pick(FlatEndings)}",
        $"{Pick(i.PlainFailures)}",
        $"{Pick(i.PlainFailures)}... {Pick(FlatEndings)}",
        $"{Pick(i.PlainFailures)} {Pick(ComplaintEmoji)}",
        $"{Pick(i.Failures)}",
        $"{Pick(i.Failures)}.",
        $"{Pick(i.PlainFailures)}. {Pick(i.PlainFailures)}.",
        $"day {{n}}: {Pick(i.PlainFailures)}",
        $"update: {Pick(i.PlainFailures)}",
        $"{Pick(i.PlainFailures)}, {Pick("as usual", "of course", "again", "naturally", "every single time")}");

    private string Sarcasm(Industry i) => Pick(
        $"thanks {{handle}}, {Pick(i.Failures)}. {Pick("really made my day", "great start to the week", "just what I needed", "love it")}",
        $"{Pick("great", "wonderful", "brilliant", "fantastic", "perfect", "awesome")}, {Pick(i.PlainFailures)}",
        $"love how {Pick(i.Failures)}",
        $"nothing says customer care like {Pick(i.PlainFailures)}",
        $"{Pick(i.Failures)}. {Pick("thanks for nothing", "great job guys", "well done", "nice one", "stellar work", "10/10 service")} {Pick("🙄", "😒", "🙃", "", "👏👏")}",
        $"so glad I paid extra for this. {Pick(i.PlainFailures)}",
        $"{Pick("oh good", "oh great", "yay", "cool")}, {Pick(i.PlainFailures)}. {Pick("thanks", "love this for me", "just perfect", "")}",
        $"another day another {Pick("delay", "outage", "missing parcel", "wrong order", "crash", "fee")} from {{handle}}");

    private string NonNativeComplaint(Industry i) => Pick(
        $"i am waiting since {{n}} days for my {Pick(i.Things)}, please help",
        $"please why my {Pick(i.Things)} is not arrive yet",
        $"my {Pick(i.Things)} still not working, what is this service",
        $"very bad service. {Pick(i.Failures)}",
        $"i request refund many times but nobody answer me",
        $"this is not acceptable, i am customer since {{n}} years and {Pick(i.Failures)}",
        $"hello, {Pick(i.Failures)}. i am very disappointed of your company",
        $"why you do this to me? {Pick(i.Failures)}",
        $"i have pay for {Pick(i.Things)} but i receive nothing",
        $"sir my {Pick(i.Things)} problem is not solve till now, kindly do the needful",
        $"it is {{n}} time i am writing you and no body give answer");

    private string QuestionComplaint(Industry i) => Pick(
        $"why is my {Pick(i.Things)} still not sorted?",
        $"how hard is it to {Pick("answer the phone", "send an update", "get one thing right", "reply to an email", "give a straight answer")}?",
        $"what is going on with my {Pick(i.Things)}??",
        $"how do you {Pick("lose", "break", "mess up")} a {Pick(i.Things)}?!",
        $"is anyone going to answer me? {Pick(i.PlainFailures)}",
        $"when will someone actually fix my {Pick(i.Things)}? {Pick(i.PlainFailures)}",
        $"{Pick(i.Failures)}. why???",
        $"{Pick(i.Failures)}. is this how you treat customers?",
        $"why does this keep happening? {Pick(i.PlainFailures)}",
        $"{Pick(i.PlainFailures)}. any chance of an answer this year?",
        $"seriously, {Pick(i.Failures)}?");

    private string ServiceComplaint(Industry i) => Pick(
        $"your customer service is {Pick("a joke", "non existent", "the worst", "useless", "a disgrace", "so slow")}",
        $"been trying to reach someone for {{n}} days about my {Pick(i.Things)}",
        $"on hold for {{n}}0 minutes {Pick("and then it hung up", "and still nobody", "then disconnected", "again", "")}",
        $"the chat agent {Pick("disconnected me", "closed the chat", "just sent me a link", "had no idea", "gave me the runaround")}",
        $"nobody has called me back {Pick("like you promised", "in " + "{n} days", "", "again")}",
        $"{{n}} calls, {{n}} different answers",
        $"I've explained my {Pick(i.Things)} problem {{n}} times now",
        $"why does it take {{n}} days to get a reply?",
        $"your {Pick(i.Staff)} {Pick("hung up on me", "told me to call back tomorrow", "had no clue", "blamed me", "promised a call back that never came")}",
        $"can't get through on the phone, can't get through on chat. {Pick("what now", "great", "brilliant", "ridiculous")}",
        $"still waiting for the call back {Pick(i.Staff)} promised");

    private string GenericComplaint(Industry i) => Pick(
        $"my {Pick(i.Things)} is still not sorted",
        $"{{n}} days and still no {Pick(i.Things)}",
        $"you messed up my {Pick(i.Things)} {Pick("again", "", "completely", "twice")}",
        $"what a mess with my {Pick(i.Things)}",
        $"nobody can tell me what happened to my {Pick(i.Things)}",
        $"can't believe how bad the {Pick(i.Things)} {Pick("was", "is")}",
        $"please fix my {Pick(i.Things)}, it's been {{n}} days",
        $"paid ${{n}}0 for {Pick(i.Things)} and {Pick("got nothing", "it doesn't work", "nobody cares", "it's worse than before")}",
        $"{Pick(i.Things)} {Pick("failed", "broken", "gone", "wrong", "not working", "down")} {Pick("again", "for the 3rd time", "since monday", "all day", "")}",
        $"the {Pick(i.Things)} won't let me {Pick("log in", "pay", "change anything", "finish", "check in", "cancel")}",
        $"keep getting an error with my {Pick(i.Things)}",
        $"this is the {Pick("second", "third", "fourth")} time my {Pick(i.Things)} {Pick("has gone wrong", "is late", "failed", "got messed up")}",
        $"I need help asap, {Pick(i.Failures)}",
        $"can someone help me? {Pick(i.Failures)}",
        $"help! {Pick(i.PlainFailures)}",
        $"{Pick("hours", "days", "weeks")} later and {Pick("nothing", "still nothing", "no reply", "no refund", "no update")}");

    private string MildOrMixedComplaint(Industry i) => Pick(
        $"a bit disappointed, {Pick(i.Failures)}",
        $"{Pick("not great", "could be better", "meh", "not ideal", "kinda annoyed")}, {Pick(i.PlainFailures)}",
        $"{Pick("love you guys", "usually great", "big fan", "always fly with you", "been with you for years")} but {Pick(i.Failures)}",
        $"I like the {Pick(i.Things)} but {Pick(i.Failures)}",
        $"{Pick(i.PraiseFor)} was nice but {Pick(i.Failures)}",
        $"expected better. {Pick(i.PlainFailures)}",
        $"not the service I'm used to from you. {Pick(i.PlainFailures)}");

    private string Request(Industry i) => Pick(
        $"please dm me {Pick("the details", "the link", "back", "when you can")}",
        $"can you follow me so I can dm you",
        $"sent you my {Pick(i.Things)} details in dm",
        $"{Pick("just", "")} sent a dm with my {Pick("reference", "booking number", "account number", "email")}",
        $"ok, I'll {Pick("try that", "call tomorrow", "check the app", "wait for the email")}",
        $"will do, {Pick("thanks", "cheers", "ta")}",
        $"I'll be {Pick("flying", "shopping", "ordering", "staying")} with you next week",
        $"please send me the {Pick("invoice", "receipt", "link", "form")} for my {Pick(i.Things)}",
        $"I'd like to {Pick("update my address", "add a second " + Pick(i.Things), "change my " + Pick(i.Things), "book a " + Pick(i.Things))}");

    private string Praise(Industry i) => Pick(
        $"thanks {{handle}} for {Pick(i.PraiseFor)}!",
        $"shoutout to the {Pick(i.Staff)} for {Pick(i.PraiseFor)}",
        $"big thanks to {Pick(Names)} from your {Pick(i.Staff)} team, {Pick("amazing", "so kind", "a star", "above and beyond", "legend")}",
        $"{Pick("you guys rock", "you're the best", "love you guys", "best service ever", "10/10", "never disappoint", "so impressed", "great job", "keep it up")}",
        $"{Pick(i.PraiseFor)} {Pick("was amazing", "made my day", "was perfect", "is brilliant", "was so good")}",
        $"really appreciate {Pick(i.PraiseFor)}",
        $"thank you so much, {Pick("problem solved", "all sorted", "that was quick", "really helpful", "you saved my day")}",
        $"{Pick("thanks", "thank you", "thx", "ty", "cheers", "much appreciated")}! {Pick("", "all good now", "that fixed it", "got it", "perfect")}",
        $"{Pick("had a problem with my", "was worried about my")} {Pick(i.Things)} but {Pick("your team sorted it in minutes", "it was fixed straight away", "the " + Pick(i.Staff) + " was brilliant")}. thank you!",
        $"please acknowledge {Pick(Names)} from the {Pick(i.Staff)} team, {Pick("best in class", "so helpful", "incredible service")}",
        $"never had a single problem with you, {Pick("love it", "keep it up", "great work")}",
        $"no complaints at all, {Pick(i.PraiseFor)} was great",
        $"{Pick("can't", "couldn't")} be happier with {Pick(i.PraiseFor)}",
        $"not bad at all, {Pick(i.PraiseFor)} {Pick("was good", "was nice")}",
        $"{Pick("best", "favourite", "fav")} {Pick(i.Things)} {Pick("experience", "ever", "in years")}, thank you",
        $"{Pick("that was fast", "wow, that was quick", "sorted in 5 minutes", "impressive")}! {Pick("thanks", "thank you", "cheers")}",
        $"{Pick("appreciate it", "much appreciated", "you're a star", "legends")} {Pick("", "🙌", "❤️", "thank you")}",
        $"{Pick("love", "loving")} {Pick("flying", "banking", "shopping", "staying", "working", "streaming")} with you",
        $"great {Pick("service", "experience", "job", "flight", "stay", "support")} today, {Pick("thanks", "well done", "keep it up", "")}",
        $"{Pick("finally", "so happy")} {Pick("got my", "sorted my")} {Pick(i.Things)}, thank you {Pick(Names)}!");

    private string CalmQuestion(Industry i) => Pick(
        $"{Pick(i.Questions)}?",
        $"hi, {Pick(i.Questions)}?",
        $"quick question: {Pick(i.Questions)}?",
        $"{Pick(i.Questions)}? thanks",
        $"{Pick(i.Questions)}",
        $"hey {{handle}} {Pick(i.Questions)} thx",
        $"does anyone know {Pick(i.Questions)}",
        $"{Pick(i.Questions)}? thanks in advance",
        $"hello, {Pick(i.Questions)}? {Pick("", "cheers", "ta", "thanks a lot")}",
        $"pls {Pick(i.Questions)}?",
        $"{Pick("I was wondering", "wondering")} {Pick(i.Questions)}");

    private string ProblemQuestion(Industry i) => Pick(
        $"what happens if my {Pick(i.Things)} is late?",
        $"what should I do if my {Pick(i.Things)} arrives damaged?",
        $"how do I report a problem with my {Pick(i.Things)}?",
        $"if my {Pick(i.Things)} is cancelled do I get a refund?",
        $"how do I make a complaint about a {Pick(i.Things)}, asking for a friend",
        $"how long do refunds usually take?",
        $"who do I contact if my {Pick(i.Things)} is lost?");

    private string Neutral(Industry i) => Pick(
        $"{Pick(i.Neutral)}",
        $"{Pick(i.Neutral)} {Pick("", "✈️", "📦", "😎", "🙂", "☕")}",
        $"{Pick(i.Neutral)}. {Pick("wish me luck", "see you soon", "here we go", "", "fingers crossed")}",
        $"rt @{Pick(Names).ToLowerInvariant()}_{{n}}: {Pick(i.Neutral)}",
        $"dm sent",
        $"followed, please follow back",
        $"{Pick("ok", "okay", "sure", "noted", "got it")}",
        $"just sent you the details by dm",
        $"my {Pick(i.Things)} number is in my dm",
        $"{Pick("watching", "reading")} your new ad, interesting");

    private string Fill(string template, Industry i)
    {
        var text = template.Replace("{n}", random.Next(2, 13).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{city}", Pick(Industries.Cities), StringComparison.Ordinal)
            .Replace("{handle}", Pick(i.Handles), StringComparison.Ordinal);
        while (text.Contains("{n}", StringComparison.Ordinal))
        {
            text = text.Replace("{n}", random.Next(2, 13).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return text.Trim().TrimEnd(',');
    }

    private string Restyle(string text, Kind kind, Industry i)
    {
        if (Chance(0.7))
        {
            text = Chance(0.85) ? $"{Pick(i.Handles)} {text}" : $"{text} {Pick(i.Handles)}";
        }

        if (Chance(0.25))
        {
            text = Textisms(text);
        }

        if (Chance(0.35))
        {
            text = text.Replace("'", string.Empty, StringComparison.Ordinal).Replace("’", string.Empty, StringComparison.Ordinal);
        }

        if (Chance(0.15))
        {
            text = Typo(text);
        }

        if (Chance(0.1))
        {
            text = Stretch(text);
        }

        var casing = random.NextDouble();
        if (casing < (kind == Kind.Complaint ? 0.1 : 0.03))
        {
            text = text.ToUpperInvariant();
        }
        else if (casing < 0.45)
        {
            text = text.ToLowerInvariant();
        }
        else if (text.Length > 0 && text[0] != '@')
        {
            text = char.ToUpperInvariant(text[0]) + text[1..];
        }

        if (kind == Kind.Complaint && Chance(0.2))
        {
            text += Pick("!", "!!", "!!!", "...", "?!", " !!");
        }
        else if (kind == Kind.Praise && Chance(0.3))
        {
            text += Pick("!", "!!", " :)", " :D", " <3");
        }

        if (Chance(0.25))
        {
            text += " " + (kind switch
            {
                Kind.Complaint => Pick(ComplaintEmoji),
                Kind.Praise => Pick(PraiseEmoji),
                Kind.Question => Pick("🤔", "🙏", "🙂", ""),
                _ => Pick("🙂", "👍", ""),
            });
        }

        if (Chance(0.15))
        {
            text += " " + (kind switch
            {
                Kind.Complaint => Pick(ComplaintTags),
                Kind.Praise => Pick(PraiseTags),
                _ => Pick("#travel", "#help", "#question", "#weekend", "#newphone", "#monday"),
            });
        }

        if (Chance(0.05))
        {
            text += $" https://t.co/{(char)('a' + random.Next(26))}{random.Next(10000, 99999)}x";
        }

        return text.Trim();
    }

    private string Textisms(string text)
    {
        var words = text.Split(' ');
        for (var w = 0; w < words.Length; w++)
        {
            words[w] = words[w].ToLowerInvariant() switch
            {
                "you" => "u",
                "your" => Pick("ur", "yr"),
                "you're" => "ur",
                "please" => Pick("pls", "plz"),
                "thanks" => Pick("thx", "thnx", "ty"),
                "because" => Pick("bc", "cuz", "coz"),
                "are" => "r",
                "people" => "ppl",
                "tonight" => "tonite",
                "to" => Chance(0.3) ? "2" : words[w],
                "for" => Chance(0.3) ? "4" : words[w],
                "really" => "rly",
                "message" => "msg",
                "minutes" => "mins",
                _ => words[w],
            };
        }

        return string.Join(' ', words);
    }

    private string Typo(string text)
    {
        var words = text.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(w => words[w].Length >= 5 && words[w].All(char.IsLetter)).ToList();
        if (candidates.Count == 0)
        {
            return text;
        }

        var index = candidates[random.Next(candidates.Count)];
        var chars = new StringBuilder(words[index]);
        var at = random.Next(1, chars.Length - 1);
        switch (random.Next(3))
        {
            case 0: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
            case 1: chars.Remove(at, 1); break;
            default: chars.Insert(at, chars[at]); break;
        }

        words[index] = chars.ToString();
        return string.Join(' ', words);
    }

    private string Stretch(string text)
    {
        var words = text.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(w => words[w].Length >= 2 && words[w].All(char.IsLetter)).ToList();
        if (candidates.Count == 0)
        {
            return text;
        }

        var index = candidates[random.Next(candidates.Count)];
        var word = words[index];
        var vowel = word.LastIndexOfAny(['a', 'e', 'i', 'o', 'u', 'y']);
        if (vowel >= 0)
        {
            words[index] = word[..(vowel + 1)] + new string(word[vowel], random.Next(2, 6)) + word[(vowel + 1)..];
        }

        return string.Join(' ', words);
    }

    private bool Chance(double p) => random.NextDouble() < p;

    private string Pick(params string[] options) => options[random.Next(options.Length)];
}
