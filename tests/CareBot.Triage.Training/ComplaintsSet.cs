namespace CareBot.Triage.Training;

/// <summary>
/// Reads the complaints data of Preoţiuc-Pietro, Gaman and Aletras, "Automatically Identifying Complaints in Social
/// Media" (ACL 2019; github.com/danielpreotiuc/complaints-social-media, complaints-data.csv) for evaluation only: real
/// tweets to the customer-service handles of brands in nine domains, labelled complaint or not by its authors. The
/// repository states no licence, so the file is not in this project: fetch it, evaluate, derive nothing but figures.
/// Rows are `id,text,label,domain` without a header; the domains `random_reply` and `random_tweet` are tweets not sent
/// to a brand, which the authors added as further non-complaints, and are kept apart here.
/// </summary>
internal static class ComplaintsSet
{
    public sealed record Tweet(string Text, bool Complaint, string Domain)
    {
        public bool ToBrand => !Domain.StartsWith("random", StringComparison.Ordinal);
    }

    public static List<Tweet> Load(string path)
    {
        var tweets = new List<Tweet>();
        foreach (var line in File.ReadLines(path))
        {
            var fields = SplitCsv(line);
            if (fields.Count == 4 && fields[2] is "0" or "1")
            {
                tweets.Add(new Tweet(fields[1], fields[2] == "1", fields[3]));
            }
        }

        return tweets;
    }

    /// <summary>One CSV line (RFC 4180 quoting; the file has no line breaks inside a field).</summary>
    internal static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
