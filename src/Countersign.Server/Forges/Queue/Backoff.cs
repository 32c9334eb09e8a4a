namespace Countersign.Server.Forges.Queue;

/// <summary>When a failed delivery or message is tried again: exponential with jitter, or exactly when the other side said.</summary>
internal static class Backoff
{
    /// <summary>
    /// The wait before attempt <paramref name="attempts"/> + 1: <paramref name="after"/> when given (a forge's
    /// Retry-After, never shortened); else <c>RetryBase × 2^(attempts−1)</c>, capped at <c>RetryMax</c>, of which a random
    /// half is taken off so that replicas retrying together spread out.
    /// </summary>
    /// <param name="attempts">Attempts made so far (at least 1).</param>
    /// <param name="after">The wait the other side asked for, if any.</param>
    /// <param name="options">The base and cap.</param>
    /// <param name="random">The jitter's source.</param>
    public static TimeSpan Delay(int attempts, TimeSpan? after, WebhookOptions options, Random random)
    {
        if (after is { } asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : asked;
        }

        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var full = Math.Min(options.RetryBase.TotalMilliseconds * Math.Pow(2, exponent), options.RetryMax.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(full / 2 + (random.NextDouble() * full / 2));
    }
}
