using System.Diagnostics;
using System.Text;

namespace CareBot.Server.Cli.Chaos;

/// <summary>
/// One CareBot instance of a chaos run: this same executable (<c>CareBot.Server.dll serve ...</c>) in its own process, ready
/// once <c>/healthz</c> answers 200; killed with SIGKILL when the run says so, and on dispose.
/// </summary>
internal sealed class InstanceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output;

    private InstanceProcess(Process process, StringBuilder output, Uri baseAddress)
    {
        this.process = process;
        this.output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the process printed so far (for a failure message).</summary>
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

    public static async Task<InstanceProcess> StartAsync(int port, IEnumerable<string> serveArguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CareBot.Server.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var argument in serveArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var instance = new InstanceProcess(process, output, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            // Compiling the triage cues takes 6.5 s of an idle core; beside a test run's other processes, a minute was
            // once not enough.
            await instance.WaitUntilReadyAsync(TimeSpan.FromSeconds(180), cancellationToken).ConfigureAwait(false);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SIGKILL: whatever the process had not committed or sent is gone with it.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    /// <summary>Migrations and dialog loading finish after Kestrel listens: <c>/healthz</c> says when the instance serves.</summary>
    private async Task WaitUntilReadyAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The instance on {BaseAddress} exited with {process.ExitCode} before it served. Its output:{Environment.NewLine}{Output}");
            }

            try
            {
                using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The instance on {BaseAddress} did not answer /healthz with 200 within {within.TotalSeconds:F0} s. Its output:{Environment.NewLine}{Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }
}
