using System.Globalization;

namespace CareBot.Server.Cli.Chaos;

/// <summary>
/// The figures of a chaos run and every invariant it found broken; <see cref="Held"/> when none. What
/// <see cref="Write"/> prints is what the run checked, so an operator's run and the test read the same.
/// </summary>
internal sealed class ChaosReport
{
    public required ChaosSettings Settings { get; init; }

    public int Acknowledged { get; set; }

    public TimeSpan Elapsed { get; set; }

    public int AcknowledgedAtKill { get; set; }

    public TimeSpan KilledAt { get; set; }

    public TimeSpan RestartedAt { get; set; }

    public int Retries { get; set; }

    public IReadOnlyDictionary<string, int> AnswerCounts { get; set; } = new Dictionary<string, int>();

    public int Cases { get; set; }

    /// <summary>Agent notifications received, counted by Message-ID.</summary>
    public int Notifications { get; set; }

    /// <summary>Notifications that arrived twice with the same Message-ID (mail servers and clients drop the repeat).</summary>
    public int RepeatedNotifications { get; set; }

    public int PrivateConversationsOpened { get; set; }

    /// <summary>Bot messages the channel received twice (same conversation, reply-to and text).</summary>
    public int RepeatedMessages { get; set; }

    /// <summary>Of <see cref="RepeatedMessages"/>, those sent again with the same id (a channel that dedupes drops them).</summary>
    public int SameIdRepeats { get; set; }

    /// <summary>Every invariant the run found broken, one sentence each.</summary>
    public List<string> Violations { get; } = [];

    public bool Held => Violations.Count == 0;

    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var s = Settings;
        var storage = s.OnPostgres ? "PostgreSQL" : "SQLite";
        output.WriteLine(Invariant($"chaos: {s.Customers} customers, {s.InstanceCount} instance(s) on {storage}, notifications to {(s.SmtpServer is null ? "a pickup folder" : "SMTP " + s.SmtpServer)}"));
        output.WriteLine(Invariant($"messages acknowledged: {Acknowledged} in {Elapsed.TotalSeconds:F1} s; killed after {AcknowledgedAtKill} at {KilledAt.TotalSeconds:F1} s, serving again at {RestartedAt.TotalSeconds:F1} s"));
        output.WriteLine(Invariant($"posts retried: {Retries}; answers by status: ")
            + string.Join(", ", AnswerCounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => Invariant($"{a.Key}: {a.Value}"))));
        output.WriteLine(Invariant($"cases: {Cases}; agent notifications received: {Notifications}; private conversations opened at the channel: {PrivateConversationsOpened}"));
        output.WriteLine(Invariant($"bot messages sent again after the kill: {RepeatedMessages}, of them with the same id: {SameIdRepeats}"));
        output.WriteLine(Invariant($"agent notifications sent again after the kill with the same Message-ID: {RepeatedNotifications}"));
        if (Held)
        {
            output.WriteLine("every invariant held");
            return;
        }

        foreach (var violation in Violations)
        {
            output.WriteLine("BROKEN: " + violation);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
