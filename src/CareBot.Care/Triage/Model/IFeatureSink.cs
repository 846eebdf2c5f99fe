namespace CareBot.Care.Triage.Model;

/// <summary>Receives the features of a message from <see cref="TextFeatures"/>: key, value and the word it came from.</summary>
internal interface IFeatureSink
{
    /// <summary>
    /// One feature. <paramref name="key"/> is only valid during the call (it lives in a reused buffer);
    /// <paramref name="token"/> is the index of its word, or <see cref="TextFeatures.NoToken"/>.
    /// </summary>
    void Add(ReadOnlySpan<char> key, float value, int token);
}
