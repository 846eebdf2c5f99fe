using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// Keeps a copy of a file a customer sent on another channel (a Teams photo, a Messenger PDF) in the file store the chat
/// page's uploads use, because the channel's link expires or needs the bot's token, and the case must still show the
/// photo of the damage weeks later. Only what the bytes show to be a photo or a PDF is kept, within the same bounds as an
/// upload (<see cref="DirectLineOptions"/>: size, files per conversation, total, retention); it is linked as an upload
/// is (<see cref="DirectLineUploadLinks"/>). Without a store (no database), nothing is kept.
/// </summary>
public sealed class DirectLineFileCopies(IOptions<DirectLineOptions> options, TimeProvider time, IDirectLineUploadStore? store = null)
{
    /// <summary>Whether copies can be kept here at all.</summary>
    public bool CanKeep => store is not null;

    /// <summary>The largest file that is copied (<c>DirectLine:MaxUploadBytes</c>); fetch no more than this.</summary>
    public int MaxBytes => options.Value.MaxUploadBytes;

    /// <summary>Keeps <paramref name="content"/> for <paramref name="conversationId"/>: the copy, or why it was not kept.</summary>
    public async Task<(DirectLineUpload? Copy, string? Refusal)> KeepAsync(string conversationId, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (store is null)
        {
            return (null, "no file store");
        }

        if (DirectLineFileTypes.Recognise(content) is not { } contentType)
        {
            return (null, "not a photo or a PDF");
        }

        var limits = options.Value;
        var now = time.GetUtcNow();
        var kind = DirectLineFileTypes.ShowsInline(contentType) ? "photo" : "document";
        var copy = new DirectLineUpload(
            RandomNumberGenerator.GetHexString(32, lowercase: true), conversationId, $"{kind}.{DirectLineFileTypes.Extension(contentType)}", contentType, content, now);
        var outcome = await store.SaveAsync([copy], new DirectLineUploadLimits(limits.MaxUploadsPerConversation, limits.MaxUploadStorageBytes, now - limits.UploadRetention), cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            DirectLineUploadOutcome.Saved => (copy, null),
            DirectLineUploadOutcome.ConversationFull => (null, "the conversation keeps its most files"),
            _ => (null, "the file store is full"),
        };
    }
}
