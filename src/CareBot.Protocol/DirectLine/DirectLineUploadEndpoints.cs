using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CareBot.Protocol.Hosting;
using CareBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// Files customers send: <c>POST /v3/directline/conversations/{id}/upload</c> (Direct Line 3.0's upload, as Web Chat
/// and DirectLineJS send it: multipart/form-data with the files and an optional <c>activity</c> part) and
/// <c>GET /v3/directline/attachments/{id}</c>, the link the bot, the customer's Web Chat and the agent open. The link's
/// random id is its only key (an <c>img</c> tag sends no token), like Azure's Direct Line attachment links.
/// </summary>
internal static class DirectLineUploadEndpoints
{
    private const string ActivityPart = "activity";
    private const string ActivityContentType = "application/vnd.microsoft.activity";
    private const int MaxNameLength = 120;

    // Room for the boundaries and part headers around MaxUploadBytes of content.
    private const int MultipartFramingBytes = 64 * 1024;

    /// <summary>
    /// Stores the files, puts links to them in place of the client's attachments and delivers the activity as a post
    /// would (the echo shows the customer the stored photo). Photos and PDFs only, recognised by their bytes.
    /// </summary>
    public static Task UploadAsync(HttpContext context, string conversationId) => DirectLineEndpoints.RunAsync(context, async channel =>
    {
        var (caller, error) = await DirectLineAuthorization.AuthorizeAsync(context, channel, conversationId).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (await channel.Store.FindAsync(conversationId, context.RequestAborted).ConfigureAwait(false) is not { } conversation)
        {
            return DirectLineEndpoints.NotFound(conversationId);
        }

        if (context.RequestServices.GetService<IDirectLineUploadStore>() is not { } store)
        {
            return new DirectLineRequestError(StatusCodes.Status404NotFound, "UploadsUnavailable", "This channel does not take files.");
        }

        // The wall is public: a photo of a receipt or a parcel label belongs in the private chat.
        if (conversation.IsPublic)
        {
            return new DirectLineRequestError(StatusCodes.Status403Forbidden, "PublicConversation",
                "Files can be sent in a private conversation only; this conversation is public.");
        }

        var options = channel.Options;
        if (context.Request.ContentLength > options.MaxUploadBytes + MultipartFramingBytes)
        {
            return TooLarge(options);
        }

        // The server stops reading there too (its default limit elsewhere is smaller than a photo).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = options.MaxUploadBytes + MultipartFramingBytes;
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary) is not { Length: > 0 and <= 200 } boundary)
        {
            return new DirectLineRequestError(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                "Send the files as multipart/form-data (one part per file, and an optional 'activity' part).");
        }

        if (!await channel.UploadSlots.WaitAsync(TimeSpan.Zero, context.RequestAborted).ConfigureAwait(false))
        {
            context.Response.Headers.RetryAfter = "5";
            return new DirectLineRequestError(StatusCodes.Status429TooManyRequests, "Busy",
                "The server is receiving many files right now; try again in a few seconds.");
        }

        try
        {
            return await StoreAndDeliverAsync(context, channel, store, caller!, conversation, boundary.ToString()).ConfigureAwait(false);
        }
        finally
        {
            channel.UploadSlots.Release();
        }
    });

    private static async Task<DirectLineRequestError?> StoreAndDeliverAsync(
        HttpContext context, DirectLineChannel channel, IDirectLineUploadStore store, DirectLineCaller caller, DirectLineConversationInfo conversation, string boundary)
    {
        var options = channel.Options;
        var (form, formError) = await ReadFormAsync(context, boundary, options).ConfigureAwait(false);
        if (formError is not null)
        {
            return formError;
        }

        var activity = form!.Activity ?? new Activity { Type = ActivityTypes.Message };
        if (activity.Type != ActivityTypes.Message)
        {
            return new DirectLineRequestError(StatusCodes.Status400BadRequest, "BadArgument", "Files can only come with a message activity.");
        }

        // DirectLineJS names the sender in the query as well as in the activity. Named before anything is kept.
        if (string.IsNullOrEmpty(activity.From?.Id) && context.Request.Query["userId"].ToString() is { Length: > 0 } userId)
        {
            activity.From = new ChannelAccount(userId, activity.From?.Name, RoleTypes.User);
        }

        if (DirectLineEndpoints.NameSender(caller, activity) is { } senderError)
        {
            return senderError;
        }

        var now = channel.Time.GetUtcNow();
        var uploads = form.Files.Select(file => new DirectLineUpload(
            RandomNumberGenerator.GetHexString(32, lowercase: true), conversation.Id, file.Name, file.ContentType, file.Content, now)).ToList();
        var limits = new DirectLineUploadLimits(options.MaxUploadsPerConversation, options.MaxUploadStorageBytes, now - options.UploadRetention);
        switch (await store.SaveAsync(uploads, limits, context.RequestAborted).ConfigureAwait(false))
        {
            case DirectLineUploadOutcome.ConversationFull:
                return new DirectLineRequestError(StatusCodes.Status429TooManyRequests, "TooManyFiles",
                    $"This conversation already has its {options.MaxUploadsPerConversation.ToString(CultureInfo.InvariantCulture)} files; describe the rest in words.");
            case DirectLineUploadOutcome.StorageFull:
                DirectLineLog.UploadStorageFull(DirectLineEndpoints.Logger(context), conversation.Id, options.MaxUploadStorageBytes);
                return new DirectLineRequestError(StatusCodes.Status503ServiceUnavailable, "StorageFull",
                    "The server cannot keep more files right now; try again later.");
        }

        DirectLineLog.UploadStored(DirectLineEndpoints.Logger(context), conversation.Id, uploads.Count, uploads.Sum(upload => (long)upload.Content.Length));

        // The client's own attachment entries (blob: links, data: thumbnails) are replaced by the stored files. A photo
        // is its own thumbnail: Web Chat shows a customer's upload as a picture only when it has one.
        var origin = RequestOrigin.Of(context.Request);
        activity.Attachments = [.. uploads.Select(upload =>
        {
            var link = DirectLineUploadLinks.LinkOf(origin, upload.Id);
            return new Attachment
            {
                ContentType = upload.ContentType,
                ContentUrl = link,
                Name = upload.Name,
                ThumbnailUrl = DirectLineFileTypes.ShowsInline(upload.ContentType) ? link : null,
            };
        })];
        return await DirectLineEndpoints.DeliverFromUserAsync(context, channel, conversation, activity).ConfigureAwait(false);
    }

    /// <summary>
    /// The stored file, served so that it can never run as a page: its recognised type, no sniffing, a sandbox policy,
    /// photos shown in place and PDFs downloaded. 404 for an unknown id or one past <see cref="DirectLineOptions.UploadRetention"/>.
    /// </summary>
    public static Task DownloadAsync(HttpContext context, string id) => DirectLineEndpoints.RunAsync(context, async channel =>
    {
        var store = context.RequestServices.GetService<IDirectLineUploadStore>();
        var upload = store is not null && DirectLineUploadLinks.IsId(id) ? await store.FindAsync(id, context.RequestAborted).ConfigureAwait(false) : null;
        if (upload is null || upload.UploadedAt < channel.Time.GetUtcNow() - channel.Options.UploadRetention)
        {
            return new DirectLineRequestError(StatusCodes.Status404NotFound, "NotFound", "There is no such file, or it is no longer kept.");
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = upload.ContentType;
        response.ContentLength = upload.Content.Length;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        response.Headers.CacheControl = "private, max-age=3600";
        var disposition = new ContentDispositionHeaderValue(DirectLineFileTypes.ShowsInline(upload.ContentType) ? "inline" : "attachment");
        disposition.SetHttpFileName(upload.Name);
        response.Headers.ContentDisposition = disposition.ToString();
        await response.Body.WriteAsync(upload.Content, context.RequestAborted).ConfigureAwait(false);
        return null;
    });

    private static async Task<(UploadForm? Form, DirectLineRequestError? Error)> ReadFormAsync(HttpContext context, string boundary, DirectLineOptions options)
    {
        var reader = new MultipartReader(boundary, context.Request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024 };
        var files = new List<UploadedFile>();
        Activity? activity = null;
        long total = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(context.RequestAborted).ConfigureAwait(false) is { } section)
            {
                var content = await BoundedRead.AtMostAsync(section.Body, options.MaxUploadBytes - total, context.RequestAborted).ConfigureAwait(false);
                if (content is null)
                {
                    return (null, TooLarge(options));
                }

                total += content.Length;
                var disposition = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var parsedDisposition) ? parsedDisposition : null;
                var fileName = disposition is null ? null
                    : disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value
                    : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                // Browsers name a Blob part "blob", so the activity is known by its part name or its type, not by a missing file name.
                if ((disposition is not null && HeaderUtilities.RemoveQuotes(disposition.Name).Equals(ActivityPart, StringComparison.Ordinal))
                    || string.Equals(section.ContentType, ActivityContentType, StringComparison.OrdinalIgnoreCase))
                {
                    var (parsed, parseError) = ActivityRequestReader.Parse(content);
                    if (parseError is not null)
                    {
                        return (null, DirectLineEndpoints.Convert(parseError));
                    }

                    // Besides its attachments (the client's thumbnails, replaced below) it is an ordinary post.
                    parsed!.Attachments = null;
                    if (Encoding.UTF8.GetByteCount(ActivityJson.Serialize(parsed)) > options.MaxActivityBytes)
                    {
                        return (null, new DirectLineRequestError(StatusCodes.Status413PayloadTooLarge, "TooLarge",
                            "The activity sent with the files is too large; send its text with POST .../activities."));
                    }

                    activity = parsed;
                    continue;
                }

                if (files.Count == options.MaxUploadFiles)
                {
                    return (null, new DirectLineRequestError(StatusCodes.Status400BadRequest, "TooManyFiles",
                        $"Send at most {options.MaxUploadFiles.ToString(CultureInfo.InvariantCulture)} files at once."));
                }

                var name = CleanName(fileName);
                if (DirectLineFileTypes.Recognise(content) is not { } contentType)
                {
                    return (null, new DirectLineRequestError(StatusCodes.Status415UnsupportedMediaType, "UnsupportedFile",
                        $"'{name}' is not {DirectLineFileTypes.Accepted}."));
                }

                files.Add(new UploadedFile(name, contentType, content));
            }
        }
        catch (Exception exception) when (exception is InvalidDataException || (exception is IOException && !context.RequestAborted.IsCancellationRequested))
        {
            // A malformed part, headers past the limits or a missing end boundary.
            return (null, new DirectLineRequestError(StatusCodes.Status400BadRequest, "BadMultipart", "The multipart body could not be read."));
        }

        return files.Count == 0
            ? (null, new DirectLineRequestError(StatusCodes.Status400BadRequest, "NoFiles", "The upload has no file; send text with POST .../activities."))
            : (new UploadForm(activity, files), null);
    }

    // The customer's file name without a path, line breaks or other control characters, cut short; "file" when empty.
    private static string CleanName(string? name)
    {
        var clean = new StringBuilder();
        foreach (var c in Path.GetFileName((name ?? string.Empty).Replace('\\', '/')))
        {
            if (!char.IsControl(c) && clean.Length < MaxNameLength)
            {
                clean.Append(c);
            }
        }

        var trimmed = clean.ToString().Trim();
        return trimmed.Length == 0 ? "file" : trimmed;
    }

    private static DirectLineRequestError TooLarge(DirectLineOptions options) =>
        new(StatusCodes.Status413PayloadTooLarge, "TooLarge",
            $"The upload is larger than {(options.MaxUploadBytes / (1024 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture)} MB; send smaller or fewer files.");

    private sealed record UploadedFile(string Name, string ContentType, byte[] Content);

    private sealed record UploadForm(Activity? Activity, IReadOnlyList<UploadedFile> Files);
}
