using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CareBot.Care.Triage;
using CareBot.Care.Triage.Cues;

namespace CareBot.Server.Cli;

/// <summary>
/// <c>triage [FILE] [--cues PATH]</c>: triages one message per line from FILE or stdin and prints one JSON object per
/// line, in order. Stdout carries only JSON; logs and errors go to stderr.
/// </summary>
public static class TriageCommand
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Messages are printed for people and tools, not embedded in HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? file = null;
        string? cuesPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--cues" && i + 1 < args.Length)
            {
                cuesPath = args[++i];
            }
            else if (args[i] is "-h" or "--help")
            {
                await Console.Out.WriteLineAsync("usage: triage [FILE] [--cues PATH]   one message per line from FILE or stdin; one JSON object per line on stdout").ConfigureAwait(false);
                return 0;
            }
            else if (file is null && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                file = args[i];
            }
            else
            {
                await Console.Error.WriteLineAsync($"triage: unexpected argument '{args[i]}'. Usage: triage [FILE] [--cues PATH]").ConfigureAwait(false);
                return 2;
            }
        }

        await using var provider = CliTriage.BuildServices(cuesPath);
        ITriageService triage;
        try
        {
            triage = provider.GetRequiredService<ITriageService>();
        }
        catch (TriageCueException ex)
        {
            await Console.Error.WriteLineAsync("triage: " + ex.Message).ConfigureAwait(false);
            return 1;
        }

        TextReader input;
        if (file is null)
        {
            input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        }
        else
        {
            try
            {
                input = new StreamReader(File.OpenRead(file), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                await Console.Error.WriteLineAsync($"triage: cannot read '{file}': {ex.Message}").ConfigureAwait(false);
                return 1;
            }
        }

        using (input)
        {
            await using var stdout = Console.OpenStandardOutput();
            await using var json = new Utf8JsonWriter(stdout, WriterOptions);
            while (await input.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                var result = await triage.TriageAsync(line, CancellationToken.None).ConfigureAwait(false);
                TriageJson.Write(json, result);
                await json.FlushAsync().ConfigureAwait(false);
                json.Reset();
                stdout.WriteByte((byte)'\n');
            }

            await stdout.FlushAsync().ConfigureAwait(false);
        }

        return 0;
    }
}
