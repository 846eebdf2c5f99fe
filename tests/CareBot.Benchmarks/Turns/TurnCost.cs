using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using CareBot.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Benchmarks.Turns;

/// <summary>
/// What one whole bot turn costs the server, measured robustly on a busy machine: bytes allocated per turn (the
/// process's total, <see cref="GC.GetTotalAllocatedBytes(bool)"/>) and CPU ms per turn (process CPU time), over the
/// shared bench's conversation (greeting, complaint, order number, email, yes) with <c>expectReplies</c>.
/// </summary>
/// <remarks>
/// The real server (<see cref="CareBotHost"/>, Kestrel on 127.0.0.1, durable SQLite) runs in this process; the client is
/// a raw socket replaying request bytes prepared before the measurement, so it allocates next to nothing and the figures
/// are the server's. One turn at a time: this measures the work of a turn, not contention (use ../shared/bench for that).
/// Run: <c>dotnet run -c Release --project tests/CareBot.Benchmarks -- turn-cost [conversations] [--allocations] [--postgres=CONNECTION]</c>
/// (<c>--allocations</c> also lists the most allocated types, sampled; the sampling itself costs some CPU;
/// <c>--postgres=</c> stores on that PostgreSQL database instead of SQLite, e.g. inside <c>./test.sh --exec</c>).
/// </remarks>
public static class TurnCost
{
    private static readonly string[] Script =
    [
        "", // the conversationUpdate (greeting)
        "My order never arrived and NOBODY answers!!!",
        "I have waited two weeks",
        "order 12345",
        "jane@example.com",
        "yes",
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var conversations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        using var sampler = args.Contains("--allocations") ? new AllocationSampler() : null;
        var folder = Path.Combine(Path.GetTempPath(), "carebot-turn-cost", Guid.NewGuid().ToString("N"));
        var root = RepositoryRoot();
        var postgres = args.FirstOrDefault(a => a.StartsWith("--postgres=", StringComparison.Ordinal))?["--postgres=".Length..];
        var app = CareBotHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--Storage:SqlitePath={Path.Combine(folder, "carebot.db")}",
            .. postgres is null ? Array.Empty<string>() : [$"--ConnectionStrings:Postgres={postgres}"],
            $"--CareBot:DialogsPath={Path.Combine(root, "dialogs")}",
            $"--Triage:CuesPath={Path.Combine(root, "dialogs", "settings", "triage.yaml")}",
            $"--Smtp:PickupFolder={Path.Combine(folder, "mail")}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync().ConfigureAwait(false);
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(address.Host, address.Port).ConfigureAwait(false);
            var stream = client.GetStream();
            var buffer = new byte[1 << 20];

            var warmUp = Requests("warm", conversations / 3, address);
            var measured = Requests("measured", conversations, address);
            foreach (var request in warmUp)
            {
                await ExchangeAsync(stream, request, buffer).ConfigureAwait(false);
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var gen0Before = GC.CollectionCount(0);
            var clock = Stopwatch.StartNew();
            sampler?.Start();
            foreach (var request in measured)
            {
                await ExchangeAsync(stream, request, buffer).ConfigureAwait(false);
            }

            clock.Stop();
            sampler?.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var turns = measured.Count;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"turns={turns} alloc_bytes_per_turn={allocated / turns} cpu_ms_per_turn={cpu.TotalMilliseconds / turns:F3} wall_ms_per_turn={clock.Elapsed.TotalMilliseconds / turns:F3} gen0={GC.CollectionCount(0) - gen0Before}"));
            sampler?.Report(output, 30);
            return 0;
        }
        finally
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            if (Directory.Exists(folder)) // on PostgreSQL nothing may have been written there
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static List<byte[]> Requests(string run, int conversations, Uri address)
    {
        var requests = new List<byte[]>(conversations * Script.Length);
        for (var c = 0; c < conversations; c++)
        {
            for (var step = 0; step < Script.Length; step++)
            {
                var body = Activity(run, c, step, address);
                var head = $"POST /api/messages HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n";
                requests.Add(Encoding.UTF8.GetBytes(head + body));
            }
        }

        return requests;
    }

    private static string Activity(string run, int conversation, int step, Uri address)
    {
        var common = string.Create(
            CultureInfo.InvariantCulture,
            $$"""
            "id":"{{run}}-{{conversation}}-{{step}}","timestamp":"2026-12-03T18:00:00.000Z","serviceUrl":"{{address}}","channelId":"webchat",
            "from":{"id":"user-{{run}}-{{conversation}}","name":"Customer"},"recipient":{"id":"carebot","name":"CareBot","role":"bot"},
            "conversation":{"id":"conv-{{run}}-{{conversation}}"},"locale":"en-US","deliveryMode":"expectReplies"
            """);
        return step == 0
            ? $$"""{"type":"conversationUpdate",{{common}},"membersAdded":[{"id":"carebot","name":"CareBot"},{"id":"user-{{run}}-{{conversation}}","name":"Customer"}]}"""
            : $$"""{"type":"message",{{common}},"text":"{{Script[step]}}","textFormat":"plain"}""";
    }

    // Sends one request and reads its whole response (Content-Length or chunked); fails on anything but 200.
    private static async Task ExchangeAsync(NetworkStream stream, byte[] request, byte[] buffer)
    {
        await stream.WriteAsync(request).ConfigureAwait(false);
        var filled = 0;
        int headerEnd;
        while ((headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            filled += await ReadSomeAsync(stream, buffer, filled).ConfigureAwait(false);
        }

        var head = buffer.AsSpan(0, headerEnd);
        if (!head.StartsWith("HTTP/1.1 200"u8))
        {
            throw new InvalidOperationException("The bot answered: " + Encoding.UTF8.GetString(buffer, 0, filled));
        }

        var lengthAt = head.IndexOf("Content-Length: "u8);
        if (lengthAt < 0)
        {
            // Chunked: read up to the last chunk (the replies are small and never contain that sequence).
            while (!buffer.AsSpan(headerEnd, filled - headerEnd).EndsWith("\r\n0\r\n\r\n"u8))
            {
                filled += await ReadSomeAsync(stream, buffer, filled).ConfigureAwait(false);
            }

            return;
        }

        var length = 0;
        {
            var digits = head[(lengthAt + 16)..];
            for (var i = 0; i < digits.Length && digits[i] is >= (byte)'0' and <= (byte)'9'; i++)
            {
                length = (length * 10) + (digits[i] - '0');
            }
        }

        while (filled < headerEnd + 4 + length)
        {
            filled += await ReadSomeAsync(stream, buffer, filled).ConfigureAwait(false);
        }
    }

    private static async Task<int> ReadSomeAsync(NetworkStream stream, byte[] buffer, int offset)
    {
        var read = await stream.ReadAsync(buffer.AsMemory(offset)).ConfigureAwait(false);
        return read > 0 ? read : throw new InvalidOperationException("The bot closed the connection.");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CareBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository (CareBot.sln not found above the binaries).");
    }
}
