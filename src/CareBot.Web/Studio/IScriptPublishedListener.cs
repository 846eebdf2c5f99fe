using CareBot.Care.Studio;

namespace CareBot.Web.Studio;

/// <summary>
/// Told after a version went live on this server through <see cref="ScriptPublisher"/> (publish or roll-back), once it
/// is written, loaded and recorded. The one place to hook "a version was published", e.g. to make other server
/// instances load it.
/// </summary>
public interface IScriptPublishedListener
{
    Task OnPublishedAsync(ScriptPublication publication, CancellationToken cancellationToken);
}
