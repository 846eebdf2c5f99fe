using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Email;

/// <summary>
/// Without SMTP, writes each email as <c>{Message-ID}.eml</c> to the pickup folder (relative to the working directory).
/// The file is written under a temporary name and then moved into place, so a reader never sees half a message, and a
/// message whose file exists is not written again.
/// </summary>
public sealed class PickupFolderEmailSender(IOptions<SmtpOptions> options, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var mime = MimeMessageBuilder.Build(message, settings.From);
        var messageId = mime.MessageId ?? throw new InvalidOperationException("The built message has no Message-ID.");
        var folder = Path.GetFullPath(settings.PickupFolder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileNameFor(messageId));
        if (File.Exists(path))
        {
            EmailLog.AlreadyInPickup(logger, messageId);
            return;
        }

        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await mime.WriteToAsync(temporary, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: false);
            EmailLog.WrittenToPickup(logger, messageId, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another writer placed the same message first: it is there once, which is the point.
            EmailLog.AlreadyInPickup(logger, messageId);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The file name of a Message-ID: characters a file system may reject become '_'.</summary>
    public static string FileNameFor(string messageId)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string([.. messageId.Select(c => Array.IndexOf(invalid, c) >= 0 || c is '<' or '>' or ':' ? '_' : c)]) + ".eml";
    }
}
