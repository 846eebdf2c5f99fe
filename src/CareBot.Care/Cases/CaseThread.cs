using System.Text.Json.Serialization;

namespace CareBot.Care.Cases;

/// <summary>Which of a case's two conversations a transcript line belongs to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseThread>))]
public enum CaseThread
{
    Public,
    Private,
}
