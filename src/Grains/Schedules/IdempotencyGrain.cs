using GemScheduling.EventSourcing;
using GemScheduling.Persistence.EventStore;
using Orleans.Providers;

namespace GemScheduling.Schedules;

[GenerateSerializer]
public abstract record IdempotencyEvent;

[GenerateSerializer, Immutable, EventType("idempotency.key-claimed")]
public sealed record IdempotencyKeyClaimed(string RequestFingerprint, string ScheduleId, DateTimeOffset At) : IdempotencyEvent;

[GenerateSerializer]
public sealed class IdempotencyState
{
    [Id(0)] public string? RequestFingerprint { get; set; }
    [Id(1)] public string? ScheduleId { get; set; }

    public void Apply(IdempotencyEvent e)
    {
        if (e is IdempotencyKeyClaimed claimed)
            (RequestFingerprint, ScheduleId) = (claimed.RequestFingerprint, claimed.ScheduleId);
    }
}

[LogConsistencyProvider(ProviderName = "CustomStorage")]
public sealed class IdempotencyGrain(TimeProvider time) : EventSourcedGrain<IdempotencyState, IdempotencyEvent>, IIdempotencyGrain
{
    protected override string StreamCategory => "idempotency";

    public async Task<string> Claim(CreateSchedule request, string proposedScheduleId)
    {
        var requestFingerprint = ScheduleGrain.Fingerprint(request);
        await ExecuteAsync(s => s.ScheduleId is null ? [new IdempotencyKeyClaimed(requestFingerprint, proposedScheduleId, time.GetUtcNow())] : []);
        if (State.RequestFingerprint != requestFingerprint)
            throw new ValidationFailedException("Idempotency-Key", "This Idempotency-Key was already used with a different request body; use a new key.");
        return State.ScheduleId!;
    }

    protected override void TransitionState(IdempotencyState state, IdempotencyEvent @event) => state.Apply(@event);
}
