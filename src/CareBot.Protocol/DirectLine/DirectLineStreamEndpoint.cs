using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using CareBot.Protocol.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// <c>GET /v3/directline/conversations/{id}/stream?watermark=&amp;t=</c>: the WebSocket stream. It first replays what
/// the client missed after the watermark, then sends every new activity as an ActivitySet frame and an empty frame as
/// keep-alive when idle. One send loop per socket reads a bounded queue: a client that is slow or gone is dropped and
/// never holds up the bot.
/// </summary>
internal static class DirectLineStreamEndpoint
{
    public static async Task HandleAsync(HttpContext context, string conversationId)
    {
        var channel = context.RequestServices.GetRequiredService<DirectLineChannel>();
        var (_, error) = await DirectLineAuthorization.AuthorizeAsync(context, channel, conversationId, allowQueryToken: true).ConfigureAwait(false);
        if (error is not null)
        {
            await DirectLineEndpoints.RefuseAsync(context, error).ConfigureAwait(false);
            return;
        }

        if (await channel.Store.FindAsync(conversationId, context.RequestAborted).ConfigureAwait(false) is not { } conversation)
        {
            await DirectLineEndpoints.RefuseAsync(context, new DirectLineRequestError(StatusCodes.Status404NotFound, "NotFound",
                $"Conversation '{conversationId}' does not exist (or has ended).")).ConfigureAwait(false);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await DirectLineEndpoints.RefuseAsync(context, new DirectLineRequestError(StatusCodes.Status400BadRequest, "NotWebSocket",
                "The stream is a WebSocket: connect with ws:// (or wss://) to the streamUrl.")).ConfigureAwait(false);
            return;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineStreamEndpoint).FullName!);
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        var options = channel.Options;
        var watermark = int.TryParse(context.Request.Query["watermark"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var subscriber = new DirectLineSubscriber(options.StreamQueueLength);
        using var stopRegistration = stopping.Register(() => subscriber.Drop("the server is stopping"));
        foreach (var displaced in await channel.Store.SubscribeAsync(conversation.Id, subscriber, watermark, context.RequestAborted).ConfigureAwait(false))
        {
            // The oldest socket gives way: most often it is one the client already abandoned but TCP has not noticed.
            displaced.Drop("a newer stream replaced it (DirectLine:MaxStreamsPerConversation)");
        }

        DirectLineLog.StreamConnected(logger, conversation.Id, watermark);
        CareBotTelemetry.DirectLineConnections.Add(1);
        try
        {
            var receiving = ReceiveLoopAsync(socket, subscriber);
            await SendLoopAsync(socket, subscriber, options, channel.Time).ConfigureAwait(false);
            if (subscriber.DropReason is "the client closed the stream")
            {
                await CloseQuietlyAsync(socket).ConfigureAwait(false);
            }
            else
            {
                // Slow, timed out or stopping: cut the connection so the receive loop ends too.
                socket.Abort();
            }

            await receiving.ConfigureAwait(false);
        }
        finally
        {
            await channel.Store.UnsubscribeAsync(conversation.Id, subscriber, CancellationToken.None).ConfigureAwait(false);
            DirectLineLog.StreamDropped(logger, conversation.Id, subscriber.DropReason ?? "ended");
            CareBotTelemetry.DirectLineConnections.Add(-1);
        }
    }

    private static async Task SendLoopAsync(WebSocket socket, DirectLineSubscriber subscriber, DirectLineOptions options, TimeProvider time)
    {
        while (true)
        {
            bool more;
            try
            {
                more = await subscriber.WaitToReadAsync(subscriber.Dropped).AsTask()
                    .WaitAsync(options.StreamKeepAliveInterval, time, subscriber.Dropped).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Idle: an empty frame keeps proxies from closing the connection.
                if (!await TrySendAsync(socket, subscriber, string.Empty, options, time).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!more)
            {
                return;
            }

            while (subscriber.TryRead(out var frame))
            {
                if (!await TrySendAsync(socket, subscriber, frame, options, time).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    private static async Task<bool> TrySendAsync(WebSocket socket, DirectLineSubscriber subscriber, string frame, DirectLineOptions options, TimeProvider time)
    {
        using var timeout = new CancellationTokenSource(options.StreamSendTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, subscriber.Dropped);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            subscriber.Drop("a send took longer than " + options.StreamSendTimeout.ToString("c", CultureInfo.InvariantCulture));
            return false;
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            subscriber.Drop("the client went away");
            return false;
        }
    }

    // Clients only send empty keep-alives (activities are POSTed); reading also notices a close or a vanished client.
    private static async Task ReceiveLoopAsync(WebSocket socket, DirectLineSubscriber subscriber)
    {
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, subscriber.Dropped).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    subscriber.Drop("the client closed the stream");
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            subscriber.Drop("the client went away");
        }
    }

    private static async Task CloseQuietlyAsync(WebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // Already gone.
        }
    }
}
