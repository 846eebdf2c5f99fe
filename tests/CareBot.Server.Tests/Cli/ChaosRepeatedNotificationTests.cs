using CareBot.Server.Cli.Chaos;

namespace CareBot.Server.Tests.Cli;

/// <summary>
/// The chaos run's judgement of an agent notification that arrived twice: only the copy the killed process had handed
/// to the SMTP server before it could mark it sent may come again, after the kill, with the same Message-ID.
/// </summary>
public sealed class ChaosRepeatedNotificationTests
{
    private static readonly DateTime Kill = new(2026, 12, 6, 19, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void One_copy_from_just_before_the_kill_and_one_after_it_is_the_explained_repeat()
    {
        var report = Judge(Copy("C-1001", "a@care", -0.05), Copy("C-1001", "a@care", +16), Copy("C-1002", "b@care", -3));

        Assert.Empty(report.Violations);
        Assert.Equal(1, report.RepeatedNotifications);
    }

    [Fact]
    public void The_killed_process_s_last_mail_written_a_moment_after_the_kill_still_counts_as_before_it()
    {
        var report = Judge(Copy("C-1001", "a@care", +1), Copy("C-1001", "a@care", +15));

        Assert.Empty(report.Violations);
    }

    [Fact]
    public void Two_copies_before_the_kill_are_a_fault()
    {
        var report = Judge(Copy("C-1001", "a@care", -4), Copy("C-1001", "a@care", -1));

        Assert.Equal("Case C-1001: its notification arrived 2 times, at -4.0 s, -1.0 s from the kill.", Assert.Single(report.Violations));
    }

    [Fact]
    public void Two_copies_well_after_the_kill_are_a_fault()
    {
        var report = Judge(Copy("C-1001", "a@care", +5), Copy("C-1001", "a@care", +9));

        Assert.Single(report.Violations);
    }

    [Fact]
    public void A_third_copy_is_a_fault()
    {
        var report = Judge(Copy("C-1001", "a@care", -1), Copy("C-1001", "a@care", +10), Copy("C-1001", "a@care", +11));

        Assert.Single(report.Violations);
        Assert.Equal(1, report.RepeatedNotifications);
    }

    [Fact]
    public void A_report_prints_how_many_notifications_came_again()
    {
        var report = Judge(Copy("C-1001", "a@care", -0.05), Copy("C-1001", "a@care", +16));
        using var output = new StringWriter();

        report.Write(output);

        Assert.Contains("agent notifications sent again after the kill with the same Message-ID: 1", output.ToString(), StringComparison.Ordinal);
    }

    private static ChaosReport Judge(params ChaosNotification[] notifications)
    {
        var report = new ChaosReport { Settings = new ChaosSettings() };
        ChaosRun.CheckRepeatedNotifications(report, [.. notifications], Kill);
        return report;
    }

    private static ChaosNotification Copy(string caseId, string messageId, double secondsFromKill) =>
        new(caseId, messageId, Kill.AddSeconds(secondsFromKill));
}
