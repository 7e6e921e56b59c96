using GemScheduling.HarvestSandbox.Generation;

namespace GemScheduling.HarvestSandbox.Faults;

/// <summary>What the "before" faults decided for one request: latency to add, and the rule that answers instead, if any.</summary>
internal readonly record struct FaultPlan(TimeSpan Latency, FaultRule? Terminal, string? Description);

/// <summary>What the page faults decided for one list page: a Link header lie, a body lie, or both.</summary>
internal readonly record struct PageFaultPlan(FaultRule? Links, FaultRule? Oversized, string? Description);

/// <summary>Per-organization fault rules and the record of every fault served.</summary>
internal sealed class FaultEngine(int orgSeed, TimeProvider time)
{
    private const int LogCapacity = 10_000;

    private readonly Lock _gate = new();
    private readonly List<ActiveRule> _rules = [];
    private readonly List<FaultEvent> _log = [];
    private int _nextRule = 1;
    private long _sequence;

    public FaultRule Add(FaultRule rule)
    {
        rule.Validate();
        lock (_gate)
        {
            var number = _nextRule++;
            var withId = rule with { Id = $"fault_{number}" };
            _rules.Add(new ActiveRule(withId, new SeededRandom(SeededRandom.Mix((ulong)(uint)orgSeed, withId.Id!))));
            return withId;
        }
    }

    public bool Remove(string ruleId)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(r => r.Rule.Id == ruleId) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    public IReadOnlyList<FaultRuleStatus> Rules()
    {
        lock (_gate)
        {
            return _rules.Select(r => new FaultRuleStatus(r.Rule, r.Served, r.Rule.MaxOccurrences - r.Served)).ToArray();
        }
    }

    public IReadOnlyList<FaultEvent> Log()
    {
        lock (_gate)
        {
            return _log.ToArray();
        }
    }

    /// <summary>"Before" faults: latency adds up over matching rules; the first terminal rule that fires wins.</summary>
    public FaultPlan Before(HarvestPermission permission, string method, string path, string? keyId)
    {
        lock (_gate)
        {
            if (_rules.Count == 0)
            {
                return default;
            }

            var latency = TimeSpan.Zero;
            FaultRule? terminal = null;
            var names = new List<string>();
            foreach (var rule in _rules)
            {
                if (rule.Rule.Stage != FaultStage.Before || !rule.Rule.Matches(permission.Id, method) || rule.Exhausted)
                {
                    continue;
                }

                if (rule.Rule.Kind != FaultKind.Latency && terminal is not null)
                {
                    continue;
                }

                if (!rule.Fire())
                {
                    continue;
                }

                if (rule.Rule.Kind == FaultKind.Latency)
                {
                    latency += rule.DrawLatency();
                }
                else
                {
                    terminal = rule.Rule;
                }

                names.Add(FaultRule.KindName(rule.Rule.Kind));
                Record(rule, permission, method, path, keyId);
            }

            return new FaultPlan(latency, terminal, names.Count == 0 ? null : string.Join(",", names));
        }
    }

    /// <summary>
    /// For a list page the endpoint has just built: the first link fault and the first oversized-page fault that fire.
    /// Drawn only for pages actually served, so a request refused by auth or a 422 neither sees nor consumes them.
    /// </summary>
    /// <param name="hasLastLink">False on v3, whose pages have no <c>rel="last"</c>: huge-last-page rules are skipped undrawn.</param>
    public PageFaultPlan OnPage(HarvestPermission permission, string method, string path, string? keyId, bool hasLastLink)
    {
        lock (_gate)
        {
            if (_rules.Count == 0)
            {
                return default;
            }

            FaultRule? links = null, oversized = null;
            var names = new List<string>();
            foreach (var rule in _rules)
            {
                var kind = rule.Rule.Kind;
                if (rule.Rule.Stage != FaultStage.Page || (kind == FaultKind.HugeLastPage && !hasLastLink) ||
                    !rule.Rule.Matches(permission.Id, method) || rule.Exhausted ||
                    (kind == FaultKind.OversizedPage ? oversized : links) is not null || !rule.Fire())
                {
                    continue;
                }

                if (kind == FaultKind.OversizedPage)
                {
                    oversized = rule.Rule;
                }
                else
                {
                    links = rule.Rule;
                }

                names.Add(FaultRule.KindName(kind));
                Record(rule, permission, method, path, keyId);
            }

            return new PageFaultPlan(links, oversized, names.Count == 0 ? null : string.Join(",", names));
        }
    }

    /// <summary>For a write that was just stored: does a commit-then-fail rule fire?</summary>
    public FaultKind? AfterCommit(HarvestPermission permission, string method, string path, string? keyId)
    {
        if (!permission.IsWrite)
        {
            return null;
        }

        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.Rule.Stage != FaultStage.Commit || !rule.Rule.Matches(permission.Id, method) || rule.Exhausted || !rule.Fire())
                {
                    continue;
                }

                Record(rule, permission, method, path, keyId);
                return rule.Rule.Kind;
            }
        }

        return null;
    }

    private void Record(ActiveRule rule, HarvestPermission permission, string method, string path, string? keyId)
    {
        if (_log.Count >= LogCapacity)
        {
            _log.RemoveRange(0, LogCapacity / 10);
        }

        _log.Add(new FaultEvent(++_sequence, time.GetUtcNow(), rule.Rule.Id!, rule.Rule.Kind, permission.Id, method, path, keyId));
    }

    private sealed class ActiveRule(FaultRule rule, SeededRandom random)
    {
        public FaultRule Rule { get; } = rule;

        public int Served { get; private set; }

        public bool Exhausted => Rule.MaxOccurrences is { } max && Served >= max;

        public bool Fire()
        {
            // Always draw, so the decision stream depends only on how many matching requests came before.
            var hit = random.NextDouble() < Rule.Rate;
            if (hit)
            {
                Served++;
            }

            return hit;
        }

        public TimeSpan DrawLatency()
        {
            var min = Rule.Latency ?? TimeSpan.Zero;
            var max = Rule.LatencyMax ?? min;
            return min + (max - min) * random.NextDouble();
        }
    }
}
