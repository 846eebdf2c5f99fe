using System.Text.Json;
using System.Threading.Channels;
using CareBot.Protocol.DirectLine;

namespace CareBot.Storage.Tests.DirectLine;

/// <summary>A stream sink that records its frames (catch-up and live alike) for a test to read in order.</summary>
internal sealed class RecordingStream : IDirectLineStreamSink
{
    private readonly Channel<string> _frames = Channel.CreateUnbounded<string>();

    public string? DropReason { get; private set; }

    public void Replay(string frame) => _frames.Writer.TryWrite(frame);

    public void Offer(string frame) => _frames.Writer.TryWrite(frame);

    public void Drop(string reason) => DropReason ??= reason;

    /// <summary>The next frame's activity texts (joined by " | ") and watermark (fails the test after 10 s).</summary>
    public async Task<(string Texts, int Watermark)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var frame = await _frames.Reader.ReadAsync(timeout.Token);
        return Parse(frame);
    }

    public bool TryNext(out (string Texts, int Watermark) next)
    {
        if (_frames.Reader.TryRead(out var frame))
        {
            next = Parse(frame);
            return true;
        }

        next = default;
        return false;
    }

    public static (string Texts, int Watermark) Parse(string set)
    {
        using var document = JsonDocument.Parse(set);
        var texts = document.RootElement.GetProperty("activities").EnumerateArray()
            .Select(a => a.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : a.GetProperty("type").GetString()!)
            .ToArray();
        return (string.Join(" | ", texts), int.Parse(document.RootElement.GetProperty("watermark").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
