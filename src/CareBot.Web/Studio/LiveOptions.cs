using Microsoft.Extensions.Options;

namespace CareBot.Web.Studio;

/// <summary>
/// <c>IOptions&lt;T&gt;</c> for a section admins change live: each read answers the monitor's current value, so the
/// classes that take <c>IOptions</c> and read <c>Value</c> per use (case SLA, brand name) see a save without a restart.
/// </summary>
internal sealed class LiveOptions<TOptions>(IOptionsMonitor<TOptions> monitor) : IOptions<TOptions>
    where TOptions : class
{
    public TOptions Value => monitor.CurrentValue;
}
