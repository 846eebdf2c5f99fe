namespace CareBot.Storage.Migrations;

/// <summary>One numbered schema step of one SQL dialect.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
