namespace GemScheduling.Persistence;

/// <summary>
/// Remembers whether PostgreSQL answered lately. While it is failing, commands fail at once with 503 instead of each
/// waiting out a timeout, and readiness reports the outage; the first success clears it.
/// </summary>
public sealed class StorageHealth(TimeProvider time)
{
    private static readonly TimeSpan Memory = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private DateTimeOffset? _failingSince;
    private DateTimeOffset _lastFailure;
    private string? _lastError;

    public bool IsDown
    {
        get
        {
            lock (_gate)
                return _failingSince is not null && time.GetUtcNow() - _lastFailure < Memory;
        }
    }

    public string? LastError => _lastError;

    public void Failed(Exception error)
    {
        lock (_gate)
        {
            _lastFailure = time.GetUtcNow();
            _failingSince ??= _lastFailure;
            _lastError = error.Message;
        }
    }

    public void Succeeded()
    {
        lock (_gate)
            _failingSince = null;
    }
}
