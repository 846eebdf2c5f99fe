namespace CareBot.Protocol.DirectLine;

/// <summary>A refusal: the HTTP status and the short ErrorResponse code and message to answer.</summary>
internal sealed record DirectLineRequestError(int StatusCode, string Code, string Message);
