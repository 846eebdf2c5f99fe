namespace CareBot.Care.Bot;

/// <summary>
/// Something a customer sent besides text, as the channel described it: a Bot Framework attachment
/// (<c>contentType</c> "image/jpeg", <c>name</c>, <c>contentUrl</c>) or a Meta one (<c>type</c> "image", <c>payload.url</c>).
/// </summary>
/// <param name="Type">The content type or the channel's kind ("image/png", "image", "video", "file").</param>
/// <param name="Name">The file name, when the channel gives one.</param>
/// <param name="Url">Where the channel keeps it.</param>
public sealed record SentAttachment(string? Type, string? Name, string? Url);
