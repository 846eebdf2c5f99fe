namespace CareBot.Dialogs.Model;

/// <summary>
/// Looks facts up in the brand's own HTTP API before saying them: calls <see cref="Path"/> on the integration named
/// <see cref="Integration"/> (whose base URL, headers and secrets live in configuration, never in the script), keeps
/// the response fields named in <see cref="Map"/> as captured values, and goes on to <see cref="Next"/>. When nothing
/// was found it goes to <see cref="NotFound"/> (else <see cref="Fallback"/>); when the call fails, times out, or the
/// integration is not configured, to <see cref="Fallback"/>.
/// </summary>
/// <param name="Id">The node's id.</param>
/// <param name="Location">Where the node starts.</param>
/// <param name="Integration">The integration's name, a key under <c>Integrations:</c> in configuration (e.g. orders).</param>
/// <param name="IntegrationLocation">Where the integration was named.</param>
/// <param name="Method">The HTTP method, upper case (GET unless the script says otherwise).</param>
/// <param name="Path">The path below the integration's base URL, with <c>{captured.NAME}</c> placeholders (URL-encoded when filled in).</param>
/// <param name="Body">For POST, PUT and PATCH: JSON fields to send, each a text with placeholders.</param>
/// <param name="Map">Capture name → the response field to keep, as a dotted path (<c>delivery.eta</c>, <c>items.0.name</c>).</param>
/// <param name="Next">Where to go when the lookup found what it looked for.</param>
/// <param name="NotFound">Where to go when the API says there is no such thing (HTTP 404); null uses <see cref="Fallback"/>.</param>
/// <param name="Fallback">Where to go when the lookup failed or could not be made.</param>
public sealed record LookupNode(
    string Id,
    SourceLocation Location,
    string Integration,
    SourceLocation IntegrationLocation,
    string Method,
    Template? Path,
    IReadOnlyDictionary<string, Template> Body,
    IReadOnlyDictionary<string, string> Map,
    NodeLink? Next,
    NodeLink? NotFound,
    NodeLink? Fallback) : DialogNode(Id, Location)
{
    /// <inheritdoc />
    public override string Kind => "lookup";

    /// <inheritdoc />
    public override IEnumerable<NodeLink> Links =>
        new[] { Next, NotFound, Fallback }.Where(link => link is not null).Select(link => link!);

    /// <inheritdoc />
    public override IEnumerable<Template> Texts => [];

    /// <summary>The texts sent to the API (never said to anyone), for the placeholder checks.</summary>
    public IEnumerable<Template> RequestTexts => (Path is null ? [] : new[] { Path }).Concat(Body.Values);
}
