using System.Globalization;
using System.Text;
using CareBot.Care.Analytics;

namespace CareBot.Server.Endpoints;

/// <summary>
/// The report as CSV, one figure per row: <c>scope,metric,key,value</c> (scope is <c>overall</c> or a channel; key
/// names the reason, priority, rating or node a figure is broken down by, else empty). Spreadsheet-safe: a text that
/// starts with a formula character is prefixed with an apostrophe.
/// </summary>
public static class AnalyticsCsv
{
    public static string Write(CareReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder("scope,metric,key,value\n");
        Rows(csv, "overall", report.Overall);
        foreach (var (channel, figures) in report.ByChannel)
        {
            Rows(csv, channel, figures);
        }

        return csv.ToString();
    }

    private static void Rows(StringBuilder csv, string scope, ReportFigures f)
    {
        Row(csv, scope, "public_posts", "", f.PublicPosts);
        Row(csv, scope, "private_conversations", "", f.PrivateConversations);
        Share(csv, scope, "public_answered", "", f.PublicAnswered);
        Percentiles(csv, scope, "public_acknowledgment_seconds", f.TimeToPublicAcknowledgment);
        Share(csv, scope, "public_to_private", "", f.PublicToPrivate);
        Share(csv, scope, "containment", "", f.Containment);
        foreach (var (reason, share) in f.HandoffsByReason)
        {
            Share(csv, scope, "handoffs", reason, share);
        }

        Percentiles(csv, scope, "first_human_response_seconds", f.FirstHumanResponse);
        Percentiles(csv, scope, "resolution_seconds", f.Resolution);
        foreach (var (priority, share) in f.SlaMetByPriority)
        {
            Share(csv, scope, "sla_met", priority, share);
        }

        Row(csv, scope, "csat_average", "", f.Csat.Average);
        for (var stars = 1; stars <= 5; stars++)
        {
            Row(csv, scope, "csat_ratings", stars.ToString(CultureInfo.InvariantCulture), f.Csat.Distribution[stars - 1]);
        }

        Share(csv, scope, "csat_response", "", f.Csat.ResponseRate);
        Row(csv, scope, "sentiment_entry", "", f.Sentiment.AtEntry);
        Row(csv, scope, "sentiment_close", "", f.Sentiment.AtClose);
        Row(csv, scope, "sentiment_delta", "", f.Sentiment.Delta);
        foreach (var (node, count) in f.DropOffByNode)
        {
            Row(csv, scope, "drop_off", node, count);
        }

        foreach (var (reason, count) in f.TopComplaintReasons)
        {
            Row(csv, scope, "complaint_reason", reason, count);
        }

        Row(csv, scope, "quality_score_average", "", f.AverageQualityScore);
    }

    private static void Share(StringBuilder csv, string scope, string metric, string key, Share share)
    {
        Row(csv, scope, metric + "_count", key, share.Count);
        Row(csv, scope, metric + "_of", key, share.Of);
        Row(csv, scope, metric + "_percent", key, share.Percent);
    }

    private static void Percentiles(StringBuilder csv, string scope, string metric, Percentiles p)
    {
        Row(csv, scope, metric + "_count", "", p.Count);
        Row(csv, scope, metric + "_p50", "", p.P50);
        Row(csv, scope, metric + "_p90", "", p.P90);
    }

    private static void Row(StringBuilder csv, string scope, string metric, string key, double? value) =>
        csv.Append(Field(scope)).Append(',').Append(metric).Append(',').Append(Field(key)).Append(',')
            .Append(value?.ToString("0.###", CultureInfo.InvariantCulture)).Append('\n');

    private static string Field(string text)
    {
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
