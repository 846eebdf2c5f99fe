using System.Text.Json;
using CareBot.Care.Triage;

namespace CareBot.Server.Cli;

/// <summary>The JSON shape of one triage result on the <c>triage</c> verb's stdout (documented in the README).</summary>
internal static class TriageJson
{
    public static void Write(Utf8JsonWriter json, TriageResult result)
    {
        json.WriteStartObject();
        json.WriteString("text", result.Text);
        json.WriteStartObject("sentiment");
        json.WriteNumber("neg", result.Sentiment.Vader.Negative);
        json.WriteNumber("neu", result.Sentiment.Vader.Neutral);
        json.WriteNumber("pos", result.Sentiment.Vader.Positive);
        json.WriteNumber("compound", result.Sentiment.Vader.Compound);
        json.WriteString("label", Lower(result.Sentiment.Label.ToString()));
        json.WriteStartObject("confidence");
        json.WriteNumber("positive", result.Sentiment.Confidence.Positive);
        json.WriteNumber("neutral", result.Sentiment.Confidence.Neutral);
        json.WriteNumber("negative", result.Sentiment.Confidence.Negative);
        json.WriteEndObject();
        json.WriteString("provider", result.Sentiment.Provider);
        if (result.Sentiment.Fallback is not null)
        {
            json.WriteString("fallback", result.Sentiment.Fallback);
        }

        json.WriteStartArray("sentences");
        foreach (var sentence in result.Sentiment.Sentences)
        {
            json.WriteStartObject();
            json.WriteNumber("offset", sentence.Offset);
            json.WriteNumber("length", sentence.Length);
            json.WriteString("label", Lower(sentence.Label.ToString()));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("signals");
        WriteSignal(json, "complaint", result.Complaint);
        WriteSignal(json, "shouting", result.Shouting);
        WriteSignal(json, "urgency", result.Urgency);
        WriteSignal(json, "churn", result.Churn);
        WriteSignal(json, "wantsHuman", result.WantsHuman);
        WriteSignal(json, "wantsPrivacy", result.WantsPrivacy);
        WriteSignal(json, "safety", result.Safety);
        WriteSignal(json, "praise", result.Praise);
        WriteSignal(json, "thanks", result.Thanks);
        WriteSignal(json, "question", result.Question);
        WriteSignal(json, "greeting", result.Greeting);
        WriteSignal(json, "closing", result.Closing);
        WriteSignal(json, "request", result.Request);
        WriteSignal(json, "abuse", result.Abuse);
        WriteSignal(json, "suggestion", result.Suggestion);
        WriteSignal(json, "spam", result.Spam);
        json.WriteEndObject();
        json.WriteString("language", result.Language);

        json.WriteStartArray("pii");
        foreach (var span in result.Pii)
        {
            json.WriteStartObject();
            json.WriteString("kind", span.Kind switch
            {
                PiiKind.OrderNumber => "orderNumber",
                _ => Lower(span.Kind.ToString()),
            });
            json.WriteNumber("start", span.Start);
            json.WriteNumber("length", span.Length);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("masked", result.Masked);
        json.WriteString("priority", Lower(result.Priority.ToString()));
        json.WriteString("priorityReason", result.PriorityReason);
        json.WriteEndObject();
    }

    private static void WriteSignal(Utf8JsonWriter json, string name, TriageSignal signal)
    {
        json.WriteStartObject(name);
        json.WriteBoolean("detected", signal.Detected);
        json.WriteStartArray("reasons");
        foreach (var reason in signal.Reasons)
        {
            json.WriteStringValue(reason);
        }

        json.WriteEndArray();
        if (signal is ShoutingSignal shouting)
        {
            json.WriteNumber("angerIntensity", shouting.AngerIntensity);
        }

        json.WriteEndObject();
    }

    private static string Lower(string value) => value.ToLowerInvariant();
}
