using System.Collections.Concurrent;
using CareBot.Protocol.DirectLine;

namespace CareBot.Protocol.Tests.DirectLine;

/// <summary>
/// The upload store the channel's routes are tested with (the database ones have their own contract tests in
/// CareBot.Storage.Tests): the same limits, in a dictionary.
/// </summary>
internal sealed class MemoryUploadStore : IDirectLineUploadStore
{
    private readonly ConcurrentDictionary<string, DirectLineUpload> _files = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IReadOnlyCollection<DirectLineUpload> Files => [.. _files.Values];

    public Task<DirectLineUploadOutcome> SaveAsync(IReadOnlyList<DirectLineUpload> files, DirectLineUploadLimits limits, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var old in _files.Values.Where(f => f.UploadedAt < limits.ForgetBefore))
            {
                _files.TryRemove(old.Id, out _);
            }

            if (files.Count == 0)
            {
                return Task.FromResult(DirectLineUploadOutcome.Saved);
            }

            if (_files.Values.Count(f => f.ConversationId == files[0].ConversationId) + files.Count > limits.MaxPerConversation)
            {
                return Task.FromResult(DirectLineUploadOutcome.ConversationFull);
            }

            if (_files.Values.Sum(f => (long)f.Content.Length) + files.Sum(f => (long)f.Content.Length) > limits.MaxTotalBytes)
            {
                return Task.FromResult(DirectLineUploadOutcome.StorageFull);
            }

            foreach (var file in files)
            {
                _files[file.Id] = file;
            }

            return Task.FromResult(DirectLineUploadOutcome.Saved);
        }
    }

    public Task<DirectLineUpload?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_files.GetValueOrDefault(id));
}
