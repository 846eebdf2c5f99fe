using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CareBot.Dialogs.Loading;

/// <summary>
/// Reloads a folder's scripts when files change. Editors write a file in several steps, so changes are debounced: the
/// reload runs once the folder has been quiet for the debounce time. Each reload validates first; an invalid change is
/// refused with logged errors and the previous versions stay live. Dispose to stop.
/// </summary>
public sealed class ScriptFolderWatcher : IAsyncDisposable, IDisposable
{
    private readonly FileSystemWatcher watcher;
    private readonly Channel<bool> changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    internal ScriptFolderWatcher(ScriptRegistry registry, string folder, TimeSpan debounce, TimeProvider time, ILogger logger)
    {
        watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;
        watcher.EnableRaisingEvents = true;
        loop = RunAsync(registry, folder, debounce, time, logger, stopping.Token);
    }

    /// <summary>Raised after each reload attempt with its result (valid and published, or refused).</summary>
    public event Action<ScriptSetResult>? Reloaded;

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (e.FullPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || e.FullPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            changes.Writer.TryWrite(true);
        }
    }

    private async Task RunAsync(ScriptRegistry registry, string folder, TimeSpan debounce, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            while (await changes.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // Wait until the folder is quiet: every change during the wait restarts it.
                do
                {
                    changes.Reader.TryRead(out _);
                    await Task.Delay(debounce, time, cancellationToken).ConfigureAwait(false);
                }
                while (changes.Reader.TryPeek(out _));

                try
                {
                    var result = await registry.LoadFolderAsync(folder, cancellationToken).ConfigureAwait(false);
                    Reloaded?.Invoke(result);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.ReloadFailed(logger, folder, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        watcher.EnableRaisingEvents = false;
        watcher.Dispose();
        await stopping.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        stopping.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        watcher.EnableRaisingEvents = false;
        watcher.Dispose();
        stopping.Cancel();
    }
}
