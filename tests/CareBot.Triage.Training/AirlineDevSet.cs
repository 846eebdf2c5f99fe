using System.Globalization;

namespace CareBot.Triage.Training;

/// <summary>
/// Reads ../shared/data/real-tweets/airline-dev.tsv for evaluation only (its licence forbids shipping or training on
/// it): rows with the source's find/replace artefacts ("Late Flight", "Cancelled Flight", "Flight Booking Problems")
/// are left out, only the first of a repeated id is kept, and only rows whose raters agreed at least 70%.
/// </summary>
internal static class AirlineDevSet
{
    public const double MinConfidence = 0.7;

    private static readonly string[] Artefacts = ["Late Flight", "Cancelled Flight", "Flight Booking Problems"];

    public sealed record Tweet(string Text, string Sentiment);

    public static (List<Tweet> Tweets, int Read, int Artefacts, int Repeated, int Unsure) Load(string path)
    {
        var tweets = new List<Tweet>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int read = 0, artefacts = 0, repeated = 0, unsure = 0;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split('\t');
            if (fields.Length < 4)
            {
                continue;
            }

            read++;
            if (!ids.Add(fields[0]))
            {
                repeated++;
                continue;
            }

            if (Artefacts.Any(a => fields[1].Contains(a, StringComparison.Ordinal)))
            {
                artefacts++;
                continue;
            }

            if (double.Parse(fields[3], CultureInfo.InvariantCulture) < MinConfidence)
            {
                unsure++;
                continue;
            }

            tweets.Add(new Tweet(fields[1], fields[2]));
        }

        return (tweets, read, artefacts, repeated, unsure);
    }
}
