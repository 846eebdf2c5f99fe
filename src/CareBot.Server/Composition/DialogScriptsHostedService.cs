using CareBot.Care.Bot;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Validation;
using Microsoft.Extensions.Options;

namespace CareBot.Server.Composition;

/// <summary>
/// Loads the dialog scripts at start-up and watches the folder for changes. An invalid folder at start-up stops the
/// server with every diagnostic logged (nothing invalid goes live); an invalid change later is refused and the previous
/// version stays live (the registry logs why).
/// </summary>
public sealed partial class DialogScriptsHostedService : IHostedService, IAsyncDisposable
{
    private readonly ScriptRegistry registry;
    private readonly CareBotOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<DialogScriptsHostedService> logger;
    private ScriptFolderWatcher? watcher;

    public DialogScriptsHostedService(ScriptRegistry registry, IOptions<CareBotOptions> options, TimeProvider time, ILogger<DialogScriptsHostedService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.registry = registry;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Relative to the working directory: `dotnet run --project src/CareBot.Server` runs in the repository root.
        var folder = Path.GetFullPath(options.DialogsPath);
        var result = await registry.LoadFolderAsync(folder, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            // The diagnostics say file:line:col and a hint; `validate` checks a fix before the next start.
            throw new ScriptValidationException([.. result.Errors]);
        }

        if (!registry.Current.ContainsKey(options.DialogId))
        {
            throw new InvalidOperationException(
                $"CareBot:DialogId is '{options.DialogId}' but {folder} has no such dialog; it has: {string.Join(", ", registry.Current.Keys)}.");
        }

        watcher = registry.Watch(folder, options.ReloadDebounce, time);
        LogWatching(logger, folder);
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (watcher is { } w)
        {
            watcher = null;
            await w.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Dialog scripts loaded; watching {Folder} for changes")]
    private static partial void LogWatching(ILogger logger, string folder);
}
