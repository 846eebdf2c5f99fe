using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Cli;
using CareBot.Testing.Repository;
using Activity = CareBot.Protocol.Schema.Activity;

namespace CareBot.Server.Tests.Hosting;

/// <summary>
/// The server executable as its own process (from the repository root, on the port it chose), ready once
/// <c>/healthz</c> answers 200; killed (not stopped) on dispose. For start-ups that must succeed; a start that must fail
/// runs to its exit with <see cref="CliProcess.RunAsync"/>.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Now listening on: ";

    private readonly Process process;
    private readonly StringBuilder output;

    private ServerProcess(Process process, StringBuilder output, Uri baseAddress)
    {
        this.process = process;
        this.output = output;
        // A wildcard address (0.0.0.0) is reached through loopback.
        BaseAddress = new UriBuilder(baseAddress) { Host = "127.0.0.1" }.Uri;
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>Everything the process printed so far (for failure messages).</summary>
    public string Output => Snapshot(output);

    /// <summary>The arguments a test start needs: a scratch database and mail folder, the shipped dialogs.</summary>
    public static string[] Arguments(string scratch, params string[] more) =>
    [
        "serve",
        "--urls=http://127.0.0.1:0",
        $"--Storage:SqlitePath={Path.Combine(scratch, "carebot.db")}",
        $"--Smtp:PickupFolder={Path.Combine(scratch, "mail")}",
        $"--CareBot:DialogsPath={RepositoryRoot.Combine("dialogs")}",
        $"--Triage:CuesPath={RepositoryRoot.Combine("dialogs", "settings", "triage.yaml")}",
        "--Triage:Embeddings:Enabled=false", // as CareBotTestServer: not MiniLM in every process
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", // prints "Now listening on: ..."
        .. more,
    ];

    public static async Task<ServerProcess> StartAsync(string[] args)
    {
        var start = CliProcess.StartInfo(RepositoryRoot.Path, args);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => OnLine(line.Data);
        process.ErrorDataReceived += (_, line) => OnLine(line.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The server process exited before it listened."));
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ServerProcess? server = null;
        try
        {
            // Generous: on two busy cores a cold `dotnet` start once took more than a minute, and once more than two (a
            // passing run takes 5-16 s; compiling the triage cues alone takes 6.5 s of one idle core).
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(240));
            server = new ServerProcess(process, output, address);
            await server.WaitUntilReadyAsync();
            return server;
        }
        catch (Exception failure) when (failure is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            server?.Client.Dispose();
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"The server process did not become ready. Its output: {Snapshot(output)}", failure);
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

    /// <summary>SIGKILL, no graceful shutdown: whatever the process had not committed or sent is gone with it.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>SIGTERM, as an orchestrator stops a process: the server stops gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the process to exit by itself; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        await process.WaitForExitAsync(deadline.Token);
        return process.ExitCode;
    }

    public Task<HttpResponseMessage> PostActivityAsync(Activity activity) =>
        Client.PostAsync("/api/messages", new StringContent(ActivityJson.Serialize(activity), Encoding.UTF8, "application/json"));

    public async Task<IList<Activity>> ExchangeAsync(Activity activity)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        using var response = await PostActivityAsync(activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return ActivityJson.Deserialize<ExpectedReplies>(body)!.Activities;
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string agentKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agentKey);
        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>Start-up work (migrations, dialog loading) finishes after Kestrel listens: /healthz says when.</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                using var health = await Client.GetAsync("/healthz", deadline.Token);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"/healthz did not answer 200 within 60 s. Output: {Snapshot(output)}");
            }
        }
    }
}
