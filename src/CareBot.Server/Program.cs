using CareBot.Server.Cli;

// The executable takes a verb; no verb means "serve".
return await CommandLine.RunAsync(args).ConfigureAwait(false);
