using GemScheduling.Applications.Events;
using GemScheduling.EventSourcing;
using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Schedules;
using Microsoft.Extensions.Logging;
using Orleans.Providers;

namespace GemScheduling.Applications;

[GenerateSerializer]
public sealed class ApplicationState
{
    [Id(0)] public List<string> ScheduleIds { get; set; } = [];
    [Id(1)] public Application? LastSeen { get; set; }
    [Id(2)] public DateTimeOffset? LastChangedAt { get; set; }
    [Id(3)] public Dictionary<string, long?> CandidateWrites { get; set; } = [];
    [Id(4)] public Dictionary<string, GemScheduling.Availability.AvailabilitySource> Availability { get; set; } = [];
    [Id(5)] public DateTimeOffset? AvailabilityCheckedAt { get; set; }
    [Id(6)] public string? AvailabilityCheckProblem { get; set; }
    [Id(7)] public Dictionary<string, AvailabilityLinkRecord> Links { get; set; } = [];

    public void Apply(ApplicationEvent e)
    {
        switch (e)
        {
            case ScheduleAttached attached when !ScheduleIds.Contains(attached.ScheduleId):
                ScheduleIds.Add(attached.ScheduleId);
                break;
            case ApplicationChangedInGreenhouse changed:
                (LastSeen, LastChangedAt) = (changed.Application, changed.At);
                break;
            case CandidateWriteRecorded write:
                CandidateWrites[write.WriteId] = write.GreenhouseId;
                break;
            case AvailabilityRecorded recorded:
                Availability[recorded.Source.Source] = recorded.Source;
                break;
            case AvailabilityChecked check:
                (AvailabilityCheckedAt, AvailabilityCheckProblem) = (check.At, check.Problem);
                break;
            case AvailabilityLinkIssued issued:
                Links[issued.LinkId] = new AvailabilityLinkRecord(issued.LinkId, issued.At, issued.ExpiresAt, issued.ExpiresOnSubmission, issued.By, null, null);
                break;
            case AvailabilityLinkRevoked revoked when Links.TryGetValue(revoked.LinkId, out var link):
                Links[revoked.LinkId] = link with { RevokedAt = revoked.At };
                break;
            case AvailabilityLinkUsed used when Links.TryGetValue(used.LinkId, out var link):
                Links[used.LinkId] = link with { UsedAt = used.At };
                break;
        }
    }
}

[GenerateSerializer, Immutable]
public sealed record AvailabilityLinkRecord(
    [property: Id(0)] string Id, [property: Id(1)] DateTimeOffset IssuedAt, [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] bool ExpiresOnSubmission, [property: Id(4)] string By, [property: Id(5)] DateTimeOffset? RevokedAt, [property: Id(6)] DateTimeOffset? UsedAt);

/// <summary>
/// Serializes the candidate-level Greenhouse writes of one application (its grain runs one call at a time), and makes
/// each exactly-once: after an ambiguous failure the activity feed is searched for the write's reference before writing
/// again (and a write id recorded here by earlier versions is not repeated).
/// </summary>
[LogConsistencyProvider(ProviderName = "CustomStorage")]
public sealed partial class ApplicationGrain(
    IGreenhouseFactory greenhouses, IGreenhouseReadModel readModel, Persistence.Schedules.IScheduleIndex index, TimeProvider time, ILogger<ApplicationGrain> logger)
    : EventSourcedGrain<ApplicationState, ApplicationEvent>, IApplicationGrain
{
    protected override string StreamCategory => "application";

    private ApplicationKey Key => _key ??= ApplicationKey.Parse(this.GetPrimaryKeyString());
    private ApplicationKey? _key;

    private string OrgId => Key.OrgId;

    private long ApplicationId => Key.ApplicationId;

    public async Task OnGreenhouseChanged(Application application)
    {
        logger.LogInformation("Application {ApplicationId} changed in Greenhouse: {Status}, stage {StageId}", application.Id, application.Status, application.CurrentStageId);
        await ExecuteAsync(_ => [new ApplicationChangedInGreenhouse(application, time.GetUtcNow())]);
    }

    private bool _tracked;

    /// <summary>
    /// Keeps this application in sync's sight. Nothing is appended here: the schedule's own stream says it exists, and
    /// the schedule index lists it by application (schedules attached by earlier versions stay in this stream).
    /// </summary>
    public async Task AttachSchedule(string scheduleId)
    {
        if (_tracked || State.ScheduleIds.Contains(scheduleId))
            return;
        await readModel.TrackApplicationAsync(OrgId, ApplicationId);
        _tracked = true;
    }

    public async Task<ApplicationSchedules> GetSchedules()
    {
        var indexed = await index.ListAsync(OrgId, new Persistence.Schedules.ScheduleIndexQuery(ApplicationId, null, 500, null, time.GetUtcNow()));
        return new ApplicationSchedules(State.ScheduleIds.Union(indexed.Select(e => e.ScheduleId)).ToList(), State.LastSeen, State.LastChangedAt);
    }

    public Task<CandidateWriteResult> AddNote(CandidateNote note) =>
        WriteOnceAsync(note.WriteId, note.MayAlreadyExist, note.CandidateId, feed => feed.Notes.FirstOrDefault(n => Carries(n.Body, note.WriteId))?.Id,
            greenhouse => greenhouse.AddNoteAsync(note.CandidateId, ApplicationId, note.Body, note.Visibility, note.OnBehalfOf, default));

    public Task<CandidateWriteResult> LogEmail(CandidateEmail email) =>
        WriteOnceAsync(email.WriteId, email.MayAlreadyExist, email.CandidateId, feed => feed.Emails.FirstOrDefault(e => Carries(e.Body, email.WriteId))?.Id,
            greenhouse => greenhouse.AddEmailAsync(email.CandidateId, ApplicationId, new LoggedEmail(email.To, email.From, email.Cc, email.Subject, email.Body),
                email.OnBehalfOf, default));

    protected override void TransitionState(ApplicationState state, ApplicationEvent @event) => state.Apply(@event);

    private async Task<CandidateWriteResult> WriteOnceAsync(
        string writeId, bool mayAlreadyExist, long candidateId,
        Func<CandidateFeed, long?> findInFeed, Func<IGreenhouse, Task<long?>> write)
    {
        if (State.CandidateWrites.TryGetValue(writeId, out var recorded))
            return new CandidateWriteResult(recorded, AlreadyPresent: true);

        var access = await GrainFactory.Grain<IOrgGrain>(OrgId).GetGreenhouseAccess()
            ?? throw new ResourceNotFoundException("Greenhouse is not connected for this org.");
        var client = greenhouses.For(access, GreenhouseLane.Write);
        if (mayAlreadyExist)
        {
            // An earlier attempt may have landed: look before writing again.
            var feed = await client.FeedAsync(candidateId, default);
            if (findInFeed(feed) is { } existing)
                return new CandidateWriteResult(existing, AlreadyPresent: true);
        }

        // Not recorded here: the schedule records the outcome, and its attempt marker makes a repeat look first.
        return new CandidateWriteResult(await write(client), AlreadyPresent: false);
    }

    private static bool Carries(string? body, string writeId) => body?.Contains(ScheduleTexts.Reference(writeId), StringComparison.Ordinal) == true;
}
