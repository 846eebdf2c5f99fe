using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CareBot.Care.Agents;
using CareBot.Storage;

namespace CareBot.Server.Cli;

/// <summary>
/// <c>agents add|list|disable|enable|passwd|email</c>: manages the agent console's accounts in the database the server uses
/// (same configuration: appsettings.json, environment, and <c>--Section:Key=value</c> arguments). Passwords come from
/// standard input when it is redirected (<c>echo ... | carebot agents add ana</c>), else from a prompt that does not
/// echo them.
/// </summary>
public static partial class AgentsCommand
{
    private const string Usage = """
        usage: agents add NAME --role agent|supervisor|admin --queues QUEUE[,QUEUE...] [--display-name "Full Name"] [--email ADDRESS]
               agents list
               agents disable NAME | agents enable NAME
               agents passwd NAME
               agents email NAME ADDRESS|none     (where @mention notices go; none removes it)
        The password is read from standard input when it is redirected, else asked for (twice, not echoed).
        """;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, Console.In, CancellationToken.None);

    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (words, options, settings) = Split(args);
        if (words.Count == 0)
        {
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        await using var services = BuildServices(settings);
        var store = services.GetRequiredService<IAgentAccountStore>();
        var verb = words[0].ToLowerInvariant();
        if (verb == "list")
        {
            await ListAsync(store, output, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        if (verb == "email")
        {
            return await SetEmailAsync(store, words, output, error, cancellationToken).ConfigureAwait(false);
        }

        if (verb is not ("add" or "disable" or "enable" or "passwd") || words.Count != 2)
        {
            await error.WriteLineAsync(verb is "add" or "disable" or "enable" or "passwd"
                ? $"agents {verb}: give exactly one user name.\n{Usage}"
                : $"agents: unknown command '{words[0]}'.\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        var name = AgentSignIn.NormalizeUserName(words[1]);
        if (!UserNamePattern().IsMatch(name))
        {
            await error.WriteLineAsync($"agents: '{words[1]}' is not a usable user name: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.").ConfigureAwait(false);
            return 2;
        }

        switch (verb)
        {
            case "add":
                return await AddAsync(store, services.GetRequiredService<TimeProvider>(), name, options, output, error, input, cancellationToken).ConfigureAwait(false);
            case "passwd":
                if (await ReadPasswordAsync(output, error, input).ConfigureAwait(false) is not { } password)
                {
                    return 1;
                }

                if (!await store.SetPasswordHashAsync(name, new AgentPasswords().Hash(password), cancellationToken).ConfigureAwait(false))
                {
                    return await NoSuchAccountAsync(error, name).ConfigureAwait(false);
                }

                await output.WriteLineAsync($"Password of '{name}' changed; any lock-out is lifted.").ConfigureAwait(false);
                return 0;
            default:
                var disable = verb == "disable";
                if (!await store.SetDisabledAsync(name, disable, cancellationToken).ConfigureAwait(false))
                {
                    return await NoSuchAccountAsync(error, name).ConfigureAwait(false);
                }

                await output.WriteLineAsync(disable ? $"'{name}' is disabled and can no longer sign in." : $"'{name}' is enabled.").ConfigureAwait(false);
                return 0;
        }
    }

    private static async Task<int> AddAsync(
        IAgentAccountStore store, TimeProvider time, string name, Dictionary<string, string> options, TextWriter output, TextWriter error, TextReader input, CancellationToken cancellationToken)
    {
        if (!options.TryGetValue("role", out var roleText) || !Enum.TryParse<AgentRole>(roleText, ignoreCase: true, out var role) || !Enum.IsDefined(role))
        {
            await error.WriteLineAsync($"agents add: --role must be agent, supervisor or admin{(roleText is null ? string.Empty : $", not '{roleText}'")}.").ConfigureAwait(false);
            return 2;
        }

        var queues = (options.GetValueOrDefault("queues") ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (queues.Length == 0 && role == AgentRole.Agent)
        {
            await error.WriteLineAsync("agents add: an agent needs --queues (e.g. --queues care or --queues care,billing).").ConfigureAwait(false);
            return 2;
        }

        string? email = null;
        if (options.TryGetValue("email", out var emailText) && (email = AgentEmailAddress.Normalize(emailText)) is null)
        {
            await error.WriteLineAsync($"agents add: --email '{emailText}' is not usable. {AgentEmailAddress.Rule}").ConfigureAwait(false);
            return 2;
        }

        if (await store.GetAsync(name, cancellationToken).ConfigureAwait(false) is not null)
        {
            await error.WriteLineAsync($"agents add: '{name}' already exists; use 'agents passwd {name}' to set a new password.").ConfigureAwait(false);
            return 1;
        }

        if (await ReadPasswordAsync(output, error, input).ConfigureAwait(false) is not { } password)
        {
            return 1;
        }

        var displayName = options.GetValueOrDefault("display-name") is { Length: > 0 } given ? given.Trim() : name;
        var account = new AgentAccount(name, displayName, role, queues, Disabled: false, new AgentPasswords().Hash(password), 0, null, time.GetUtcNow(), email);
        if (!await store.AddAsync(account, cancellationToken).ConfigureAwait(false))
        {
            await error.WriteLineAsync($"agents add: '{name}' already exists.").ConfigureAwait(false);
            return 1;
        }

        await output.WriteLineAsync($"Added '{name}' ({role.ToString().ToLowerInvariant()}; queues: {(queues.Length == 0 ? "all" : string.Join(", ", queues))}). They sign in at /agent.").ConfigureAwait(false);
        return 0;
    }

    private static async Task ListAsync(IAgentAccountStore store, TextWriter output, CancellationToken cancellationToken)
    {
        var accounts = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        if (accounts.Count == 0)
        {
            await output.WriteLineAsync("No accounts yet. Add one: agents add ana --role agent --queues care").ConfigureAwait(false);
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"USER",-20} {"DISPLAY NAME",-24} {"ROLE",-11} {"QUEUES",-20} {"STATUS",-10} EMAIL");
        foreach (var account in accounts)
        {
            var status = account.Disabled ? "disabled"
                : account.IsLockedOut(now) ? "locked until " + account.LockedOutUntil!.Value.ToString("u", CultureInfo.InvariantCulture)
                : "active";
            var queues = account.Queues.Count == 0 ? "(all)" : string.Join(",", account.Queues);
            table.AppendLine(CultureInfo.InvariantCulture, $"{account.UserName,-20} {account.DisplayName,-24} {account.Role.ToString().ToLowerInvariant(),-11} {queues,-20} {status,-10} {account.Email ?? "-"}");
        }

        await output.WriteAsync(table.ToString()).ConfigureAwait(false);
    }

    /// <summary>One line from redirected input, or a hidden prompt asked twice; null (after saying why) when unusable.</summary>
    private static async Task<string?> ReadPasswordAsync(TextWriter output, TextWriter error, TextReader input)
    {
        string? password;
        if (Console.IsInputRedirected || !ReferenceEquals(input, Console.In))
        {
            password = (await input.ReadLineAsync().ConfigureAwait(false))?.TrimEnd('\r');
        }
        else
        {
            password = Prompt(output, "Password: ");
            if (Prompt(output, "Again: ") != password)
            {
                await error.WriteLineAsync("agents: the two passwords differ; nothing changed.").ConfigureAwait(false);
                return null;
            }
        }

        if (AgentPasswords.Problem(password) is { } problem)
        {
            await error.WriteLineAsync("agents: " + problem + " Nothing changed.").ConfigureAwait(false);
            return null;
        }

        return password;
    }

    private static string Prompt(TextWriter output, string label)
    {
        output.Write(label);
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        output.WriteLine();
        return typed.ToString();
    }

    private static async Task<int> SetEmailAsync(IAgentAccountStore store, List<string> words, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (words.Count != 3)
        {
            await error.WriteLineAsync($"agents email: give a user name and an address (or none).\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        var name = AgentSignIn.NormalizeUserName(words[1]);
        var clear = string.Equals(words[2], "none", StringComparison.OrdinalIgnoreCase);
        var email = clear ? null : AgentEmailAddress.Normalize(words[2]);
        if (!clear && email is null)
        {
            await error.WriteLineAsync($"agents email: '{words[2]}' is not usable. {AgentEmailAddress.Rule}").ConfigureAwait(false);
            return 2;
        }

        if (!await store.SetEmailAsync(name, email, cancellationToken).ConfigureAwait(false))
        {
            return await NoSuchAccountAsync(error, name).ConfigureAwait(false);
        }

        await output.WriteLineAsync(email is null ? $"'{name}' has no e-mail address now." : $"Mentions of '{name}' are e-mailed to {email}.").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> NoSuchAccountAsync(TextWriter error, string name)
    {
        await error.WriteLineAsync($"agents: there is no account '{name}'; 'agents list' shows them.").ConfigureAwait(false);
        return 1;
    }

    /// <summary>Words, the verb's own options (<c>--role agent</c>), and configuration (<c>--Storage:SqlitePath=x</c>).</summary>
    private static (List<string> Words, Dictionary<string, string> Options, List<string> Settings) Split(string[] args)
    {
        string[] known = ["role", "queues", "display-name", "email"];
        var words = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null)
            {
                words.Add(args[i]);
            }
            else if (known.Contains(name, StringComparer.OrdinalIgnoreCase) && i + 1 < args.Length)
            {
                options[name] = args[++i];
            }
            else if (name.Contains('=', StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                settings.Add(args[i]);
            }
            else
            {
                settings.Add(args[i]);
                settings.Add(args[++i]);
            }
        }

        return (words, options, settings);
    }

    private static ServiceProvider BuildServices(List<string> settings)
    {
        // The server's own sources, in its order, so the verb edits the database `serve` uses.
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. settings])
            .Build();
        var services = new ServiceCollection();
        services.AddCareBotStorage(configuration);
        return services.BuildServiceProvider();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex UserNamePattern();
}
