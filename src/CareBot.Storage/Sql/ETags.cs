namespace CareBot.Storage.Sql;

/// <summary>Makes the opaque ETags of state documents: unique per write, meaningless to compare except for equality.</summary>
internal static class ETags
{
    /// <summary>The wildcard a writer presents to overwrite whatever is stored.</summary>
    public const string Any = "*";

    public static string New() => Guid.NewGuid().ToString("N");
}
