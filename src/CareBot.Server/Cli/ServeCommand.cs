namespace CareBot.Server.Cli;

/// <summary>The default verb: runs the web host until Ctrl-C.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var app = CareBotHost.Build(args);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
