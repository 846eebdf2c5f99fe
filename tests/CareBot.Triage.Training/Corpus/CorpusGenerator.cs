using System.Globalization;
using System.Text;

namespace CareBot.Triage.Training.Corpus;

/// <summary>
/// Writes the training corpus: templates for complaints (plain facts, angry, sarcastic, non-native, asked as a
/// question), praise, questions and neutral news, filled with each industry's words and then restyled the way people
/// type on social media (lower case, ALL CAPS, typos, "u"/"pls", dropped apostrophes, stretched letters, emoji,
/// hashtags, @handles, links). Seeded, so the same seed writes the same file.
/// </summary>
internal sealed class CorpusGenerator(int seed)
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

    /// <summary>Writes <paramref name="perIndustry"/> messages for each industry, without exact duplicates.</summary>
    public List<CorpusMessage> Generate(int perIndustry)
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

        return messages;
    }

    private CorpusMessage One(Industry industry)
    {
        var roll = random.NextDouble();
        var (text, complaint, praise, question, kind) = roll switch
        {
            < 0.08 => (AngryComplaint(industry), true, false, false, Kind.Complaint),
            < 0.15 => (PlainComplaint(industry), true, false, false, Kind.Complaint),
            < 0.19 => (Sarcasm(industry), true, false, false, Kind.Complaint),
            < 0.22 => (NonNativeComplaint(industry), true, false, false, Kind.Complaint),
            < 0.26 => (QuestionComplaint(industry), true, false, true, Kind.Complaint),
            < 0.30 => (ServiceComplaint(industry), true, false, false, Kind.Complaint),
            < 0.34 => (GenericComplaint(industry), true, false, false, Kind.Complaint),
            < 0.37 => (MildOrMixedComplaint(industry), true, false, false, Kind.Complaint),
            < 0.41 => (Reaction(industry), true, false, false, Kind.Complaint),
            < 0.45 => (Story(industry), true, false, false, Kind.Complaint),
            < 0.49 => (ReplyToTheBrand(industry), true, false, false, Kind.Complaint),
            < 0.52 => (Consequence(industry), true, false, false, Kind.Complaint),
            < 0.55 => (ImpliedCriticism(industry), true, false, false, Kind.Complaint),
            < 0.57 => (Feeling(industry), true, false, false, Kind.Complaint),
            < 0.61 => (Praise(industry), false, true, false, Kind.Praise),
            < 0.64 => (PraiseDespiteAProblem(industry), false, true, false, Kind.Praise),
            < 0.75 => (CalmQuestion(industry), false, false, true, Kind.Question),
            < 0.79 => (ProblemQuestion(industry), false, false, true, Kind.Question),
            < 0.87 => (Request(industry), false, false, false, Kind.Neutral),
            _ => (Neutral(industry), false, false, false, Kind.Neutral),
        };
        text = Fill(text, industry);
        text = Restyle(text, kind, industry);
        question = question || text.Contains('?', StringComparison.Ordinal);
        return new CorpusMessage(industry.Name, complaint, praise, question, text);
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

    /// <summary>Short reactions with no problem word in them: contempt, disbelief, resignation.</summary>
    private string Reaction(Industry i) => Pick(
        $"{Pick("that's it?", "really?", "seriously??", "are you for real", "unreal.", "smh", "figures.", "typical.", "of course.", "come on.", "you guys are something else", "do better", "step it up", "get it together", "wow. just wow", "I'm done", "so that's a no then", "cool story", "nice try", "un-be-lievable")} {Pick("", Pick(i.PlainFailures), "{handle}", "again", "lol")}",
        $"{Pick(i.PlainFailures)}. {Pick("wow", "cool", "lovely", "fantastic", "nice", "brilliant", "great", "perfect")}.",
        $"{Pick("every", "each and every")} {Pick("time", "single time", "week", "month")}. {Pick(i.PlainFailures)}",
        $"{Pick("how", "why")} {Pick("is this still", "is it always", "am I not surprised", "does this keep")} {Pick("happening", "a thing", "the case")}{Pick("", "?", "??")}",
        $"and {Pick("still", "yet again", "once more")} {Pick(i.PlainFailures)}",
        $"{Pick("waiting", "still waiting", "no reply", "no answer", "crickets")} {Pick("", "...", "👀", "⏰", "🦗")}",
        $"{Pick("you had one job", "one job", "not the first time", "not even surprised anymore", "expected nothing, still disappointed", "why do I even bother")}{Pick("", ".", " lol", " smh")}",
        $"{{handle}} {Pick("hello??", "anyone there?", "hellooo", "any answer?", "is anyone reading this")} {Pick(i.PlainFailures)}");

    /// <summary>A plain account of what happened, times and steps, with the complaint left for the reader to see.</summary>
    private string Story(Industry i) => Pick(
        $"{Pick("booked", "ordered", "paid for", "signed up for", "reserved")} {Pick(i.Things)} {Pick("weeks ago", "last month", "on monday", "{n} days ago")}, {Pick(i.PlainFailures)}, {Pick("called", "emailed", "chatted with support", "went to the desk")}, {Pick("told to wait", "told to call back", "got a ticket number", "got transferred {n} times", "nobody knew")}. {Pick("now what", "still nothing", "that was {n} days ago", "", "here we are")}",
        $"{Pick("showed up", "logged in", "called", "went in", "arrived")} at {{n}}, {Pick("left", "hung up", "gave up")} at {{n}}. {Pick(i.PlainFailures)}",
        $"{Pick("first", "1st")} {Pick(i.PlainFailures)}, {Pick("then", "now")} {Pick(i.PlainFailures)}",
        $"{Pick("day", "week", "hour")} {{n}} of {Pick("waiting for my", "trying to sort my", "chasing my", "asking about my")} {Pick(i.Things)}",
        $"{Pick("your team", "the " + Pick(i.Staff))} {Pick("said it was sorted", "promised a call", "closed my ticket")}, {Pick(i.Failures)}, and {Pick("no one replies", "the chat is closed", "the email bounces")}",
        $"{Pick(i.Things)}: {Pick("ordered", "booked", "reported", "paid")} {Pick("monday", "last week", "in march")}. {Pick("status", "update", "result")}: {Pick("nothing", "pending", "still pending", "no idea", "lost")}",
        $"{Pick("spent", "wasted", "lost")} {Pick("my whole morning", "{n} hours", "half a day", "my lunch break", "{n} days")} {Pick("on the phone", "in a queue", "on chat", "trying to sort", "going back and forth")} {Pick("with you", "about my " + Pick(i.Things), "for nothing", "")}",
        $"{Pick("went to the", "rang the", "used the")} {Pick(i.Things)} {Pick("line", "desk", "app", "page")} {Pick("twice", "{n} times", "every day this week")}, {Pick("same answer", "different story each time", "no one knows", "closed")}");

    /// <summary>Answers to the brand's own reply: the customer has already tried what they were told.</summary>
    private string ReplyToTheBrand(Industry i) => Pick(
        $"{{handle}} {Pick("I did that already", "already did", "did that {n} times", "tried that", "did all that")}{Pick(".", "", " and nothing", ", didn't work", ". still broken")}",
        $"{{handle}} {Pick("already sent a dm", "dmed you yesterday", "I sent you a dm {n} days ago", "followed and dmed")}, {Pick("no response", "nothing back", "still waiting", "crickets")}",
        $"{{handle}} {Pick("that link doesn't work", "that doesn't help", "not helpful at all", "that's not what I asked", "the form is broken", "your dm is closed", "that number just rings out")}",
        $"{{handle}} {Pick("a canned reply", "an automated answer", "the same copy paste")}{Pick("", " again", ", great")}. {Pick("I need a real answer", "I asked a simple question", "read my message", "")}",
        $"{{handle}} {Pick("no", "nope", "not fixed", "still no")}{Pick(".", "", "!")} {Pick(i.PlainFailures)}",
        $"{{handle}} {Pick("you said that last week", "you told me that yesterday", "that's what the last agent said", "heard that before")}");

    /// <summary>What the failure cost the customer: the complaint is in the consequence.</summary>
    private string Consequence(Industry i) => Pick(
        $"{Pick("missed", "going to miss", "had to miss")} {Pick("my daughter's recital", "a job interview", "my best friend's wedding", "my mum's birthday", "a meeting", "the funeral", "my exam")} {Pick("because of you", "thanks to you", "because of this", "")}{Pick(".", "", "!")} {Pick(i.PlainFailures)}",
        $"now I {Pick("have to pay for a hotel", "lost a day of work", "have no way to get home", "can't pay my rent", "have to start again", "have to take a day off")}{Pick(".", "", " because of you", " thanks to you")}",
        $"{Pick(i.Failures)} and now {Pick("I'm out of pocket", "I'm late for work", "my kids have nothing to eat", "my whole week is ruined", "I have to do it all again")}",
        $"{Pick("because of your", "thanks to your")} {Pick(i.Things)} {Pick("mess up", "problem", "mistake", "delay")} I {Pick("missed", "lost", "wasted")} {Pick("my connection", "a day", "$" + "{n}0", "my booking", "the deadline")}");

    /// <summary>Criticism put as a wish, a suggestion, a policy question, a rival's name or a curt denial.</summary>
    private string ImpliedCriticism(Industry i) => Pick(
        $"{Pick("wish you had", "would be nice to have", "you really need", "how about", "maybe invest in")} {Pick("a better", "a working", "a decent", "a faster", "an actual")} {Pick(Pick(i.Things), "app", "website", "phone line", "support team")}{Pick("", ".", " lol", " for once")}",
        $"why do I have to pay {Pick("$", "£", "€")}{{n}} for {Pick("a", "the", "my")} {Pick(i.Things)}{Pick("?", "??", "? seriously")} {Pick("", "#greedy", "#ripoff", "#pennypinching")}",
        $"{Pick(i.Things)} {Pick("takes", "costs", "needs")} {Pick("an hour", "{n} days", "$" + "{n}0", "three forms")}?{Pick("", " really?", " ok then")}",
        $"{Pick("your customers", "loyal customers", "people who pay this much", "we")} deserve better{Pick(".", " than this", "", " tbh")}",
        $"{Pick("flying", "switching to", "going with", "ordering from", "banking with")} {Pick("a rival", "your competitor", "the other lot", "someone else")} {Pick("next time", "from now on", "instead", "")}. {Pick("you just lost", "that's")} {Pick("another customer", "$" + "{n}00 you won't see", "my business")}",
        $"{Pick("add", "bring back", "fix")} {Pick("the old", "a working", "decent")} {Pick(i.Things)} and {Pick("I'll come back", "we can talk", "maybe I'll stay")}",
        $"{Pick("false.", "not true.", "nope.", "I don't believe you.", "tell me something I don't know", "heard it all before", "nothing happened.", "still nothing happened", "that is simply not true")}{Pick("", " " + Pick(i.PlainFailures))}",
        $"{Pick("surprise me", "that would be great", "can't wait", "sure you will", "I'll believe it when I see it")}{Pick(".", "...", "", " 🙄")}",
        $"{Pick("as usual", "as per usual", "same as always", "like every time")}{Pick(".", "", "...")} {Pick(i.PlainFailures)}");

    /// <summary>How the customer feels, with the cause left short or out.</summary>
    private string Feeling(Industry i) => Pick(
        $"{Pick("sigh", "ugh", "sigh...", "ffs", "omg", "wtf", "so tired of this", "currently crying", "close to tears", "losing my mind", "can't even")}{Pick("", ".", "!!")} {Pick(Pick(i.PlainFailures), "", "{handle}")}",
        $"{Pick(i.PlainFailures)}. {Pick("sigh", "ugh", "great, just great", "buzzkill", "so much for my weekend", "there goes my day", "ruined")}",
        $"{Pick("not encouraged", "not feeling good about", "not a good feeling about", "not confident about", "worried about", "nervous about")} {Pick("my " + Pick(i.Things), "this", "tomorrow", "getting it sorted")}{Pick("", ".", "...")}",
        $"{Pick("this", "today", "this week", "the whole thing")} {Pick("is a buzzkill", "has been a nightmare", "is a disaster", "was a mess", "is so stressful")}{Pick("", " thanks to " + "{handle}", ".")}");

    /// <summary>Praise that mentions a problem (solved, or outweighed): not a complaint.</summary>
    private string PraiseDespiteAProblem(Industry i) => Pick(
        $"{Pick("despite", "even with")} the {Pick("delay", "wait", "mix up", "problem", "hiccup")} {Pick("your " + Pick(i.Staff) + " was amazing", "you sorted it fast", "great service", "the team made it right")}{Pick("", ", thank you", "!")}",
        $"{Pick("had an issue with my", "my")} {Pick(i.Things)} {Pick("but", "and")} {Pick(Names)} {Pick("fixed it in minutes", "sorted it right away", "went above and beyond")}. {Pick("thank you", "thanks", "legend", "")}",
        $"{Pick("no problems at all", "not a single issue", "zero issues", "can't complain", "never had a bad experience", "no delays, no drama")}{Pick("", " with my " + Pick(i.Things))}{Pick(", love it", ", great job", ". thanks", "!")}",
        $"{Pick("thanks for", "thank you for")} {Pick("fixing", "sorting out", "refunding", "replacing")} my {Pick(i.Things)} {Pick("so fast", "so quickly", "without any fuss", "")}",
        $"{Pick("was dreading", "was worried about")} {Pick("calling you", "the " + Pick(i.Things), "this")} but {Pick("it was painless", "you were great", "it took 2 minutes", "all good")}",
        $"{Pick("thanks!", "thank you!", "yay!")} {Pick("made it on time", "it arrived just in time", "back online", "all sorted", "problem gone")} {Pick(":)", "🙌", "", "!")}");

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
