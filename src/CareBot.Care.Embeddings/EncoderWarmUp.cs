using Microsoft.Extensions.Hosting;

namespace CareBot.Care.Embeddings;

/// <summary>
/// Loads the MiniLM encoder in the background when the host starts: loading takes seconds, and without this the first
/// customer whose message reaches the stage would wait for it. Start-up does not wait. A failure is logged once by the
/// stage, which then steps aside (the care model decides alone).
/// </summary>
internal sealed class EncoderWarmUp(MiniLmComplaintStage stage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(stage.WarmUp, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
