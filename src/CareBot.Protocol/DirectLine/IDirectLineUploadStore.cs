namespace CareBot.Protocol.DirectLine;

/// <summary>
/// Where the built-in Direct Line channel keeps the files customers send. Unlike a conversation (forgotten after an
/// hour idle), a file must outlive the chat: the case's transcript links to it. Storage registers one in the database
/// (SQLite or PostgreSQL); without one the upload route answers that the channel takes no files.
/// </summary>
public interface IDirectLineUploadStore
{
    /// <summary>
    /// Saves the files of one upload, all or none. First forgets every file uploaded before
    /// <see cref="DirectLineUploadLimits.ForgetBefore"/>; then refuses when the conversation would keep more than
    /// <see cref="DirectLineUploadLimits.MaxPerConversation"/> files, or all kept files together would pass
    /// <see cref="DirectLineUploadLimits.MaxTotalBytes"/>.
    /// </summary>
    Task<DirectLineUploadOutcome> SaveAsync(IReadOnlyList<DirectLineUpload> files, DirectLineUploadLimits limits, CancellationToken cancellationToken);

    /// <summary>The file with this id, or null.</summary>
    Task<DirectLineUpload?> FindAsync(string id, CancellationToken cancellationToken);
}

/// <summary>The bounds one save checks (from <see cref="DirectLineOptions"/>), and the retention cut-off.</summary>
public sealed record DirectLineUploadLimits(int MaxPerConversation, long MaxTotalBytes, DateTimeOffset ForgetBefore);

/// <summary>What became of an upload.</summary>
public enum DirectLineUploadOutcome
{
    /// <summary>Every file was saved.</summary>
    Saved,

    /// <summary>Nothing was saved: the conversation already keeps its most files.</summary>
    ConversationFull,

    /// <summary>Nothing was saved: the files kept by everyone together would pass the storage bound.</summary>
    StorageFull,
}
