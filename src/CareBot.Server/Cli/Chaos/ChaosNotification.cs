namespace CareBot.Server.Cli.Chaos;

/// <summary>One agent notification email as it arrived: its case, its Message-ID and when the file was written.</summary>
internal sealed record ChaosNotification(string CaseId, string MessageId, DateTime ArrivedUtc);
