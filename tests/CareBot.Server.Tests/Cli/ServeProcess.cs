using System.Diagnostics;
using System.Text;
using CareBot.Testing.Repository;

namespace CareBot.Server.Tests.Cli;

/// <summary>
/// The server executable serving as its own process (from the repository root, a temporary database, a free port it
/// picks), ready once <c>/healthz</c> answers 200; killed on dispose. For start-ups that must succeed; a start that must
/// fail runs to its exit with <see cref="CliProcess.RunAsync"/>.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Now listening on: ";

    private readonly Process process;
    private readonly StringBuilder output;

    private ServeProcess(Process process, StringBuilder output, Uri listening)
    {
        this.process = process;
        this.output = output;
        // A wildcard address (0.0.0.0) is reached through loopback.
        BaseAddress = new UriBuilder(listening) { Host = "127.0.0.1" }.Uri;
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>What the process printed so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The arguments every test start needs: a scratch database and mail folder, the shipped dialogs.</summary>
    public static string[] Arguments(string scratch, params string[] more) =>
    [
        "serve",
        "--urls=http://127.0.0.1:0",
        $"--Storage:SqlitePath={Path.Combine(scratch, "carebot.db")}",
        $"--Smtp:PickupFolder={Path.Combine(scratch, "mail")}",
        $"--CareBot:DialogsPath={RepositoryRoot.Combine("dialogs")}",
        $"--Triage:CuesPath={RepositoryRoot.Combine("dialogs", "settings", "triage.yaml")}",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", // prints "Now listening on: ..."
        .. more,
    ];

    public static async Task<ServeProcess> StartAsync(string[] args)
    {
        var start = CliProcess.StartInfo(RepositoryRoot.Path, args);
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => OnLine(line.Data);
        process.ErrorDataReceived += (_, line) => OnLine(line.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The server process exited before it listened."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = default(ServeProcess);
        try
        {
            server = new ServeProcess(process, output, await listening.Task.WaitAsync(TimeSpan.FromSeconds(60)));
            await server.WaitUntilReadyAsync();
            return server;
        }
        catch (Exception failure) when (failure is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            server?.Client.Dispose();
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output)
            {
                throw new InvalidOperationException($"The server process did not become ready. Its output:\n{output}", failure);
            }
        }

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            var at = line.IndexOf(ListeningPrefix, StringComparison.Ordinal);
            if (at >= 0)
            {
                listening.TrySetResult(new Uri(line[(at + ListeningPrefix.Length)..].Trim()));
            }
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await Client.GetAsync("/healthz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"/healthz still answers {(int)response.StatusCode}.");
            }

            await Task.Delay(100);
        }
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        return ValueTask.CompletedTask;
    }
}
