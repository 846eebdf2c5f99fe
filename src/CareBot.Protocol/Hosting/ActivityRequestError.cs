namespace CareBot.Protocol.Hosting;

/// <summary>Why a request was refused before it reached the bot: the HTTP status and the short JSON error to answer.</summary>
internal sealed record ActivityRequestError(int StatusCode, string Code, string Message);
