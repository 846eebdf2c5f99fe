using System.Text.Json;

namespace CareBot.Protocol.Schema;

/// <summary>The <c>error</c> object of an <see cref="ErrorResponse"/>.</summary>
public sealed class ErrorDetail
{
    public string? Code { get; set; }

    public string? Message { get; set; }

    public JsonElement? InnerHttpError { get; set; }
}
