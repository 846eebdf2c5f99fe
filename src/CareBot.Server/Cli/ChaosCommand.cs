using System.Globalization;
using CareBot.Server.Cli.Chaos;

namespace CareBot.Server.Cli;

/// <summary>
/// <c>chaos [--customers N] [--postgres CONNSTR] [--instances 1|2] [--smtp HOST:PORT --maildir DIR] [--dialogs DIR]</c>:
/// the operator's chaos run (see <see cref="ChaosRun"/>). Prints the figures; exit 0 when every invariant held, 1 when
/// one broke (each printed), 2 for bad arguments.
/// </summary>
public static class ChaosCommand
{
    private const string Usage =
        "usage: chaos [--customers N (1-500, default 16)] [--postgres CONNSTR (a server where the run may create and drop a scratch database; "
        + "default: one instance on SQLite)] [--instances 1|2 (on PostgreSQL, default 2)] [--smtp HOST:PORT --maildir DIR (where that server "
        + "stores what it receives; default: a pickup folder)] [--dialogs DIR (default dialogs)]";

    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return await RunAsync(args, Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
    }

    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (Parse(args) is not { } settings)
        {
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        ChaosReport report;
        try
        {
            report = await new ChaosRun(settings, output).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is TimeoutException or InvalidOperationException or HttpRequestException or Npgsql.NpgsqlException)
        {
            await error.WriteLineAsync("chaos: the run could not finish: " + failure.Message).ConfigureAwait(false);
            return 1;
        }

        report.Write(output);
        return report.Held ? 0 : 1;
    }

    /// <summary>The settings the arguments ask for, or null (after saying what is wrong) when they are not valid.</summary>
    internal static ChaosSettings? Parse(string[] args)
    {
        var settings = new ChaosSettings();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--customers" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var customers) && customers is >= 1 and <= ChaosRun.MaxCustomers:
                    settings = settings with { Customers = customers };
                    break;
                case "--instances" when value is "1" or "2":
                    settings = settings with { Instances = value == "1" ? 1 : 2 };
                    break;
                case "--postgres" when !string.IsNullOrWhiteSpace(value):
                    settings = settings with { PostgresConnectionString = value };
                    break;
                case "--smtp" when value?.Contains(':', StringComparison.Ordinal) == true:
                    settings = settings with { SmtpServer = value };
                    break;
                case "--maildir" when !string.IsNullOrWhiteSpace(value):
                    settings = settings with { Maildir = value };
                    break;
                case "--dialogs" when !string.IsNullOrWhiteSpace(value):
                    settings = settings with { DialogsPath = value };
                    break;
                default:
                    return null;
            }

            i++;
        }

        return (settings.SmtpServer is null) == (settings.Maildir is null) ? settings : null;
    }
}
