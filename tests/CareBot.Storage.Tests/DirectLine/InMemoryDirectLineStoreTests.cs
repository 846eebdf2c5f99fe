namespace CareBot.Storage.Tests.DirectLine;

/// <summary>The in-memory store (SQLite deployments, one process) against the Direct Line store contract.</summary>
public sealed class InMemoryDirectLineStoreTests : DirectLineStoreContract
{
    private protected override Task<OpenStore> OpenAsync(IReadOnlyDictionary<string, string?>? directLine = null) =>
        OpenStore.StartAsync(directLine ?? new Dictionary<string, string?>(), (_, _) => { });
}
