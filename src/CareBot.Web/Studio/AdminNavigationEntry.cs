namespace CareBot.Web.Studio;

/// <summary>One link of the admin navigation bar.</summary>
/// <param name="Href">The page's path, e.g. <c>/admin/report</c>.</param>
/// <param name="Label">The link text.</param>
public sealed record AdminNavigationEntry(string Href, string Label);
