namespace GemScheduling.HarvestSandbox.RateLimiting;

internal readonly record struct RateLimitDecision(bool Enabled, int Limit, int Remaining, bool Exceeded, DateTimeOffset ResetAt);

/// <summary>
/// Fixed windows per API key (v1: 10 s, docs/HARVEST-CONTRACT.md §4 "per 10 seconds") or per v3 client id (30 s for the API,
/// 60 s for the token endpoint), aligned to multiples of the window length of the sandbox clock's Unix time.
/// </summary>
internal sealed class RateLimiter(TimeSpan window)
{
    public RateLimiter()
        : this(TimeSpan.FromSeconds(10))
    {
    }

    public TimeSpan Window { get; } = window;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Window, int Count)> _windows = new(StringComparer.Ordinal);

    /// <summary>Counts one request for the key and says whether it is over the limit.</summary>
    public RateLimitDecision Count(string keyId, int? limit, DateTimeOffset now)
    {
        var window = WindowIndex(now);
        var resetAt = DateTimeOffset.FromUnixTimeMilliseconds((window + 1) * (long)Window.TotalMilliseconds);
        if (limit is not > 0)
        {
            return new RateLimitDecision(false, 0, 0, false, resetAt);
        }

        int count;
        lock (_gate)
        {
            count = _windows.TryGetValue(keyId, out var w) && w.Window == window ? w.Count + 1 : 1;
            _windows[keyId] = (window, count);
        }

        return new RateLimitDecision(true, limit.Value, Math.Max(0, limit.Value - count), count > limit.Value, resetAt);
    }

    /// <summary>The current window's state without counting (for 429s injected by faults).</summary>
    public RateLimitDecision Peek(string keyId, int? limit, DateTimeOffset now)
    {
        var window = WindowIndex(now);
        var resetAt = DateTimeOffset.FromUnixTimeMilliseconds((window + 1) * (long)Window.TotalMilliseconds);
        if (limit is not > 0)
        {
            return new RateLimitDecision(false, 0, 0, false, resetAt);
        }

        int count;
        lock (_gate)
        {
            count = _windows.TryGetValue(keyId, out var w) && w.Window == window ? w.Count : 0;
        }

        return new RateLimitDecision(true, limit.Value, Math.Max(0, limit.Value - count), count > limit.Value, resetAt);
    }

    private long WindowIndex(DateTimeOffset now) =>
        (long)Math.Floor(now.ToUnixTimeMilliseconds() / Window.TotalMilliseconds);
}
