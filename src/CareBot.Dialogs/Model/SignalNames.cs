namespace CareBot.Dialogs.Model;

/// <summary>The triage signal names scripts can test in branches.</summary>
public static class SignalNames
{
    /// <summary>A complaint.</summary>
    public const string Complaint = "complaint";

    /// <summary>Mostly capital letters or many exclamation marks.</summary>
    public const string Shouting = "shouting";

    /// <summary>Time pressure ("urgent", "asap", "today").</summary>
    public const string Urgency = "urgency";

    /// <summary>Threatens to leave ("cancel my account").</summary>
    public const string Churn = "churn";

    /// <summary>Asks for a person.</summary>
    public const string WantsHuman = "wantsHuman";

    /// <summary>Asks to take it private.</summary>
    public const string WantsPrivacy = "wantsPrivacy";

    /// <summary>A risk to someone's safety: fire, gas, injury (the cue file's urgent cues).</summary>
    public const string Safety = "safety";

    /// <summary>The message contains personal data (email, phone, order number...).</summary>
    public const string Pii = "pii";

    /// <summary>
    /// The message contains a payment card number (13-19 digits passing the Luhn check): posted in public, the customer
    /// is asked not to share such details there.
    /// </summary>
    public const string CardNumber = "cardNumber";

    /// <summary>A password, PIN, CVV, one-time code or security answer in the message ("password Summer2024!").</summary>
    public const string Secret = "secret";

    /// <summary>
    /// The message contains an email address, phone number or postal address: posted in public with a complaint, the
    /// customer is asked to take them out of the post (an order number is no danger there and is not one).
    /// </summary>
    public const string ContactDetails = "contactDetails";

    /// <summary>Thanks or a compliment (answered with a thank-you, never an apology).</summary>
    public const string Praise = "praise";

    /// <summary>A thank-you that says nothing wrong ("thanks for letting me know"): praise too, answered "you're welcome".</summary>
    public const string Thanks = "thanks";

    /// <summary>Asks something (answered publicly when the script has an answer, else offered help in private).</summary>
    public const string Question = "question";

    /// <summary>Only a greeting ("hi", "hello there!"): ask how we can help rather than take it as the story.</summary>
    public const string Greeting = "greeting";

    /// <summary>Only thanks, an ok or a goodbye ("ok thanks, bye", "👍"): end kindly rather than start again.</summary>
    public const string Closing = "closing";

    /// <summary>Only a bare request ("help", "refund please", "cancel my order"): ask what is going on, no apology yet.</summary>
    public const string Request = "request";

    /// <summary>Only abuse at the brand ("fuck you", "you're all idiots", "🖕"): no apology for nothing; no reply in public.</summary>
    public const string Abuse = "abuse";

    /// <summary>A suggestion or wish for the products ("bring back the old logo", "wish you sold kids sizes"): thanks for the idea.</summary>
    public const string Suggestion = "suggestion";

    /// <summary>Someone else's promotion ("made $5,000 with Bitcoin, DM @crypto_king"): no reply in public, no case.</summary>
    public const string Spam = "spam";

    /// <summary>
    /// The message came with a photo or file (the channel says so, not triage): a photo of the label is not a wrong order
    /// number. Its text then ends with a note such as "[photo: label.jpg https://…]".
    /// </summary>
    public const string Files = "files";

    /// <summary>Every known signal (the validator warns about others).</summary>
    public static readonly IReadOnlyList<string> All = [Complaint, Shouting, Urgency, Churn, WantsHuman, WantsPrivacy, Safety, Pii, CardNumber, Secret, ContactDetails, Praise, Thanks, Question, Greeting, Closing, Request, Abuse, Suggestion, Spam, Files];
}
