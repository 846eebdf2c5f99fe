using CareBot.Care.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CareBot.Care.Tests.Email;

public sealed class PickupFolderEmailSenderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "carebot-pickup-tests", Guid.NewGuid().ToString("N"), "mail-pickup");

    private PickupFolderEmailSender Sender => new(
        Options.Create(new SmtpOptions { PickupFolder = _folder, From = "Acme Care <care@acme.example>" }),
        NullLogger<PickupFolderEmailSender>.Instance);

    private static EmailMessage Message(string key = "handoff-email/c-1#2") =>
        new(key, "dana@example.com", "Dana", "Your case C-1042", "We are on it.\nAna");

    [Fact]
    public async Task A_message_becomes_one_eml_file_named_after_its_message_id_that_reads_back()
    {
        await Sender.SendAsync(Message(), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder));
        var stored = await MimeMessage.LoadAsync(file);
        Assert.Equal(PickupFolderEmailSender.FileNameFor(stored.MessageId!), Path.GetFileName(file));
        Assert.Equal("Your case C-1042", stored.Subject);
        Assert.Equal("We are on it.\nAna", stored.TextBody!.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Equal("dana@example.com", Assert.Single(stored.To.Mailboxes).Address);
    }

    [Fact]
    public async Task Sending_the_same_message_twice_leaves_one_file()
    {
        await Sender.SendAsync(Message(), CancellationToken.None);
        await Sender.SendAsync(Message(), CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Sender.SendAsync(Message(), CancellationToken.None))));

        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Different_messages_make_different_files()
    {
        await Sender.SendAsync(Message("a"), CancellationToken.None);
        await Sender.SendAsync(Message("b"), CancellationToken.None);

        Assert.Equal(2, Directory.GetFiles(_folder, "*.eml").Length);
    }

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_folder)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
