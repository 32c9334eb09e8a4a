using System.Collections.Concurrent;
using System.Net;

namespace Countersign.Server.Auth;

/// <summary>
/// Limits failed authentications per client address: after <see cref="MaxFailures"/> failures within
/// <see cref="Window"/>, requests from that address carrying credentials get 429 until the window has passed. Guessing
/// tokens is hopeless anyway (256 bits); this keeps a misbehaving client from loading the database.
/// </summary>
public sealed class AuthFailureLimiter(TimeProvider time, int maxFailures = 20)
{
    private readonly ConcurrentDictionary<IPAddress, Attempts> failures = new();

    public int MaxFailures { get; } = maxFailures;

    public static TimeSpan Window { get; } = TimeSpan.FromMinutes(1);

    /// <summary>When the address may try again, or null when it is not blocked.</summary>
    /// <param name="address">The client address.</param>
    public TimeSpan? BlockedFor(IPAddress? address)
    {
        if (address is null || !failures.TryGetValue(address, out var window))
        {
            return null;
        }

        var left = window.Start + Window - time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            failures.TryRemove(address, out _);
            return null;
        }

        return window.Count >= MaxFailures ? left : null;
    }

    public void Failed(IPAddress? address)
    {
        if (address is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        failures.AddOrUpdate(address, _ => new Attempts(now, 1), (_, w) => w.Start + Window <= now ? new Attempts(now, 1) : w with { Count = w.Count + 1 });
        if (failures.Count > 100_000)
        {
            // A flood from many addresses: forget the oldest half rather than grow without bound.
            foreach (var stale in failures.OrderBy(f => f.Value.Start).Take(failures.Count / 2).ToList())
            {
                failures.TryRemove(stale.Key, out _);
            }
        }
    }

    private sealed record Attempts(DateTimeOffset Start, int Count);
}
