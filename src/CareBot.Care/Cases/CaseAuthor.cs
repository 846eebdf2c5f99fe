using System.Text.Json.Serialization;

namespace CareBot.Care.Cases;

/// <summary>Who wrote a transcript line.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseAuthor>))]
public enum CaseAuthor
{
    Customer,
    Bot,
    Agent,
}
