using System.Text.RegularExpressions;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Templates;

namespace CareBot.Dialogs.Validation;

/// <summary>
/// The validator's checks of a <c>lookup:</c> node. The request may only reach the integration's configured base URL:
/// the script names an integration and a path below it, never a host, and only captured values (URL-encoded at run
/// time) fill the path in.
/// </summary>
internal static partial class LookupRules
{
    public static void Check(DialogScript script, LookupNode node, Dictionary<string, HashSet<CaptureType>> captures, List<Diagnostic> diagnostics)
    {
        void Report(SourceLocation at, string message, string hint) =>
            diagnostics.Add(Diagnostic.Error(at, DiagnosticCodes.InvalidLookup, message, hint));

        if (!IsIntegrationName(node.Integration))
        {
            Report(node.IntegrationLocation, $"'{node.Integration}' is not an integration name",
                "name the integration configured under 'Integrations:' (letters, digits, '_' or '-'), e.g. 'lookup: orders'; its base URL and secrets belong in configuration, not in the script");
        }

        if (node.Path is { } path)
        {
            var text = path.Text.Trim();
            if (!text.StartsWith('/') || text.StartsWith("//", StringComparison.Ordinal) || text.Contains("://", StringComparison.Ordinal)
                || text.Contains('\\', StringComparison.Ordinal) || text.Split('/', '?').Any(segment => segment is ".." or "."))
            {
                Report(path.Location, $"the path '{path.Text}' of {script.Id}/{node.Id} is not a path below the integration's base URL",
                    "write a path that starts with a single '/', without a host, '..' or '\\', e.g. '/orders/{captured.order}'; only the configured base URL may be called");
            }
            else if (PlaceholderBeforePath().IsMatch(text))
            {
                Report(path.Location, $"the path '{path.Text}' of {script.Id}/{node.Id} starts with a placeholder, so a customer's value would choose the endpoint below the base URL",
                    "start the path with a fixed segment, e.g. '/orders/{captured.order}', so a captured value can never choose where the call goes");
            }
        }

        if (node.Body.Count > 0 && node.Method is "GET" or "DELETE")
        {
            Report(node.Location, $"the lookup {script.Id}/{node.Id} sends a body with {node.Method}", "remove 'body', or use 'method: post'");
        }

        foreach (var template in node.RequestTexts)
        {
            foreach (var placeholder in template.Placeholders)
            {
                var isCaptured = placeholder.StartsWith(Placeholders.CapturedPrefix, StringComparison.Ordinal);
                if (!isCaptured)
                {
                    Report(template.Location, $"the request of {script.Id}/{node.Id} uses '{{{placeholder}}}'",
                        "a lookup's path and body may only use captured values, e.g. '{captured.order}'; secrets go in the integration's configured headers");
                }
                else if (!captures.ContainsKey(placeholder[Placeholders.CapturedPrefix.Length..]))
                {
                    diagnostics.Add(Diagnostic.Error(template.Location, DiagnosticCodes.UnknownPlaceholder,
                        $"unknown placeholder '{{{placeholder}}}' in the request of {script.Id}/{node.Id}",
                        $"captured names: {string.Join(", ", captures.Keys)}{YamlFields.Suggest(placeholder[Placeholders.CapturedPrefix.Length..], captures.Keys)}"));
                }
            }
        }

        if (node.Map.Count == 0)
        {
            Report(node.Location, $"the lookup {script.Id}/{node.Id} keeps nothing from the answer", "add 'map:' with a capture name for each response field to keep, e.g. 'map: { order_status: status }'");
        }

        foreach (var (name, field) in node.Map)
        {
            if (!FieldPath().IsMatch(field))
            {
                Report(node.Location, $"'{field}' (kept as '{name}' by {script.Id}/{node.Id}) is not a response field path",
                    "write the field's dotted path in the JSON answer, e.g. 'status', 'delivery.eta' or 'items.0.name'");
            }
        }
    }

    /// <summary>A key under <c>Integrations:</c> as a script may name it: in a <c>lookup:</c> or an <c>integration:</c> condition.</summary>
    public static bool IsIntegrationName(string name) => IntegrationName().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegrationName();

    [GeneratedRegex(@"^/\{", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderBeforePath();

    [GeneratedRegex(@"^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPath();
}
