using System.Text.Json.Serialization;

namespace CareBot.Dialogs.Model;

/// <summary>What kind of value an ask or extract node captures; each has its own parser in Capture/.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaptureType>))]
public enum CaptureType
{
    /// <summary>Any non-empty text.</summary>
    Text,

    /// <summary>An email address (normalized to lower case).</summary>
    Email,

    /// <summary>A phone number, 7 to 15 digits (normalized to + and digits).</summary>
    Phone,

    /// <summary>An order number matching the node's pattern (default two letters, a dash and six digits).</summary>
    OrderNumber,

    /// <summary>A number, optionally within min and max.</summary>
    Number,

    /// <summary>Yes or no, with common synonyms.</summary>
    YesNo,

    /// <summary>One of the node's choices, each with synonyms.</summary>
    Choice,

    /// <summary>Text matching the node's regular expression.</summary>
    Regex,

    /// <summary>A 1-5 satisfaction rating ("4", "4/5", "four stars"); recorded as a rating effect.</summary>
    Rating,
}
