namespace CareBot.Protocol.Schema;

/// <summary>The error body of every Bot Framework 4xx/5xx: <c>{"error":{"code":"...","message":"..."}}</c>.</summary>
public sealed class ErrorResponse
{
    public ErrorResponse()
    {
    }

    public ErrorResponse(string code, string message)
    {
        Error = new ErrorDetail { Code = code, Message = message };
    }

    public ErrorDetail? Error { get; set; }
}
