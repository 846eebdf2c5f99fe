namespace CareBot.Protocol.Schema;

/// <summary>A list of activities, e.g. the body of send-history or a transcript attachment's content.</summary>
public sealed class Transcript
{
    public IList<Activity> Activities { get; set; } = new List<Activity>();
}
