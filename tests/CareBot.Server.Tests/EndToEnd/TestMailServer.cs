using System.Globalization;
using MimeKit;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// The real SMTP server test.sh starts (aiosmtpd on loopback, every message stored as one file in a Maildir):
/// the server's settings to send to it, and a reader that waits for a message to arrive.
/// </summary>
public sealed class TestMailServer
{
    private const string SmtpVariable = "CAREBOT_TEST_SMTP";
    private const string MaildirVariable = "CAREBOT_TEST_MAILDIR";

    private TestMailServer(string host, int port, string maildir)
    {
        Host = host;
        Port = port;
        Maildir = maildir;
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>The Maildir aiosmtpd writes to; complete messages appear under <c>new/</c>.</summary>
    public string Maildir { get; }

    /// <summary>The SMTP server from the environment; fails the test (it does not skip it) when test.sh did not start one.</summary>
    public static TestMailServer FromEnvironment()
    {
        var smtp = Environment.GetEnvironmentVariable(SmtpVariable);
        var maildir = Environment.GetEnvironmentVariable(MaildirVariable);
        if (string.IsNullOrWhiteSpace(smtp) || string.IsNullOrWhiteSpace(maildir))
        {
            Assert.Fail($"{SmtpVariable} and {MaildirVariable} are not set: these end-to-end tests need the SMTP server that ./test.sh starts. " +
                "Run them with ./test.sh tests/CareBot.Server.Tests (add --filter ... as usual), not with a bare dotnet test.");
        }

        var separator = smtp.LastIndexOf(':');
        Assert.True(
            separator > 0 && int.TryParse(smtp[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _),
            $"{SmtpVariable} must look like host:port, not '{smtp}'.");
        return new TestMailServer(smtp[..separator], int.Parse(smtp[(separator + 1)..], CultureInfo.InvariantCulture), maildir);
    }

    /// <summary>Server settings that send every email to this SMTP server, without TLS.</summary>
    public IReadOnlyDictionary<string, string?> SmtpSettings() => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = Host,
        ["Smtp:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
    };

    /// <summary>
    /// Waits until a message that <paramref name="match"/> accepts is in the Maildir and returns it. The Maildir is
    /// shared by the whole test run, so match on something only this test's messages have (an address, a case id).
    /// </summary>
    public async Task<MimeMessage> WaitForMessageAsync(Func<MimeMessage, bool> match, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var deadline = DateTimeOffset.UtcNow + limit;
        var folder = Path.Combine(Maildir, "new");
        while (true)
        {
            // Maildir writers put a message in tmp/ and rename it into new/ when complete, so every file here is whole.
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if (match(message))
                {
                    return message;
                }
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"No email {what} arrived in {folder} within {limit}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Whether a message was sent to <paramref name="address"/> (any To recipient).</summary>
    public static bool IsTo(MimeMessage message, string address)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));
    }
}
