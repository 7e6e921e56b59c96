namespace GemScheduling.HarvestSandbox.Observability;

/// <summary>Bounded call log plus request/429/fault counters, per organization and per key.</summary>
internal sealed class CallLog(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<CallRecord> _records = new();
    private readonly Dictionary<string, long[]> _byKey = new(StringComparer.Ordinal);
    private readonly long[] _total = new long[3];
    private long _sequence;

    public void Record(CallRecord withoutSequence, bool rateLimited, bool faulted)
    {
        lock (_gate)
        {
            var record = withoutSequence with { Sequence = ++_sequence };
            if (capacity > 0)
            {
                if (_records.Count >= capacity)
                {
                    _records.Dequeue();
                }

                _records.Enqueue(record);
            }

            Bump(_total, rateLimited, faulted);
            if (record.KeyId is { } keyId)
            {
                if (!_byKey.TryGetValue(keyId, out var counters))
                {
                    _byKey[keyId] = counters = new long[3];
                }

                Bump(counters, rateLimited, faulted);
            }
        }
    }

    public IReadOnlyList<CallRecord> Records()
    {
        lock (_gate)
        {
            return _records.ToArray();
        }
    }

    public OrganizationCounters Counters()
    {
        lock (_gate)
        {
            return new OrganizationCounters(_total[0], _total[1], _total[2],
                _byKey.ToDictionary(kv => kv.Key, kv => new RequestCounters(kv.Value[0], kv.Value[1], kv.Value[2]), StringComparer.Ordinal));
        }
    }

    private static void Bump(long[] counters, bool rateLimited, bool faulted)
    {
        counters[0]++;
        if (rateLimited)
        {
            counters[1]++;
        }

        if (faulted)
        {
            counters[2]++;
        }
    }
}
