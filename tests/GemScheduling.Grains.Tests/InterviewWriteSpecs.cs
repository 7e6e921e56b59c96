using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using GemScheduling.Schedules;
using GemScheduling.Schedules.Events;

namespace GemScheduling.Grains.Tests;

/// <summary>Interview writes against a fake Greenhouse, without a silo: exactly once through lost answers, refusals and removals.</summary>
public sealed class InterviewWriteSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Greenhouse's interviews, and what the writes asked of it, in order.</summary>
    private sealed class FakeGreenhouse : IGreenhouse
    {
        public readonly Dictionary<long, (string ExternalId, PlannedInterview Plan)> Interviews = [];
        public readonly List<string> Log;
        public bool LoseNextAnswer { get; set; }
        public GreenhouseFailure? RefuseUpdates { get; set; }
        private long _next = 9000;

        public FakeGreenhouse(List<string> log) => Log = log;

        public HarvestApiVersion ApiVersion => HarvestApiVersion.V1;

        public Task<IReadOnlyList<GreenhouseInterview>> InterviewsAsync(long applicationId, string? externalEventId, CancellationToken cancellationToken)
        {
            Log.Add("look up");
            return Task.FromResult<IReadOnlyList<GreenhouseInterview>>(Interviews.Where(i => i.Value.ExternalId == externalEventId)
                .Select(i => new GreenhouseInterview(i.Key, i.Value.ExternalId, i.Value.Plan.Start, i.Value.Plan.End, null, [], "scheduled")).ToList());
        }

        public Task<long> CreateInterviewAsync(long applicationId, PlannedInterview plan, string externalEventId, long organizerUserId, CancellationToken cancellationToken)
        {
            Log.Add("create");
            var id = ++_next;
            Interviews[id] = (externalEventId, plan);
            if (LoseNextAnswer)
            {
                LoseNextAnswer = false;
                throw new GreenhouseException(GreenhouseFailure.TimedOut, "no answer"); // it landed; we never heard
            }

            return Task.FromResult(id);
        }

        public Task UpdateInterviewAsync(long interviewId, PlannedInterview plan, long organizerUserId, CancellationToken cancellationToken)
        {
            Log.Add("update");
            if (RefuseUpdates is { } refusal)
                throw new GreenhouseException(refusal, "Interview not found", refusal == GreenhouseFailure.NotFound ? 404 : 422);
            Interviews[interviewId] = (Interviews[interviewId].ExternalId, plan);
            return Task.CompletedTask;
        }

        public Task DeleteInterviewAsync(long interviewId, long organizerUserId, CancellationToken cancellationToken)
        {
            Log.Add("delete");
            return Interviews.Remove(interviewId) ? Task.CompletedTask : throw new GreenhouseException(GreenhouseFailure.NotFound, "gone", 404);
        }

        public Task<GreenhouseUser?> FindUserByEmailAsync(string email, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<PermissionReport> VerifyAsync(long? actingUserId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<SyncPage> FirstPageAsync(ResourceKind kind, DateTimeOffset? since, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<SyncPage> PageAsync(ResourceKind kind, Uri url, DateTimeOffset? since, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<SyncPage> NumberedPageAsync(ResourceKind kind, Uri template, int page, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<(Job Job, JobPost? Post, IReadOnlyList<JobStage> Stages)> JobAsync(long jobId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<long?> AddNoteAsync(long candidateId, long applicationId, string body, string visibility, long authorUserId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<long?> AddEmailAsync(long candidateId, long applicationId, LoggedEmail email, long authorUserId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<CandidateFeed> FeedAsync(long candidateId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<CandidateRecords> CandidatesAsync(IReadOnlyCollection<long> candidateIds, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private readonly List<string> _log = [];
    private readonly FakeGreenhouse _greenhouse;
    private readonly ScheduleState _state = new();
    private IReadOnlyList<string> _missing = [];

    public InterviewWriteSpecs()
    {
        _greenhouse = new FakeGreenhouse(_log);
        var plan = new PlannedInterview("int_1", 71, "Onsite", [new PlannedInterviewer(11, "ada@acme.example", "Ada")], T0.AddDays(2), T0.AddDays(2).AddHours(1), "UTC", null, null);
        _state.Apply(new ScheduleCreated("sch_1", 100, 200, 300, new ActingUser(1, "org@acme.example", null), [plan], null, T0, "spec"));
        _state.Apply(new MutationRequested("mut_create", MutationKind.CreateInterview, "int_1", null, null, T0));
    }

    private InterviewWrites Writes => new(_state, "sch_1",
        () => Task.FromResult<(IGreenhouse, GreenhouseAccess)>((_greenhouse, new GreenhouseAccess("org_1", HarvestApiVersion.V1, "https://harvest.greenhouse.io/v1/", "x", new ActingUser(1, "org@acme.example", null), _missing))),
        mutation =>
        {
            _log.Add("record attempt");
            _state.Apply(new MutationAttempted(mutation.Id, mutation.Attempts + 1, T0));
            return Task.CompletedTask;
        });

    /// <summary>Runs a write as the outbox does: an exception the policy knows becomes its outcome, and the outcome is recorded.</summary>
    private async Task<Outcome> RunAsync(string mutationId, Func<MutationRecord, Task<Outcome>> write)
    {
        var mutation = _state.Mutation(mutationId);
        Outcome outcome;
        try
        {
            outcome = await write(mutation);
        }
        catch (Exception ex) when (OutboxPolicy.Classify(ex, mutation.Kind) is { } known)
        {
            outcome = known;
        }

        foreach (var e in new OutboxPolicy(new ScheduleOptions(), new Random(1)).Record(mutation, mutation.Attempts, outcome, _state.Drift, T0))
            _state.Apply(e);
        return outcome;
    }

    [Fact]
    public async Task Given_a_create_whose_answer_was_lost_when_it_is_tried_again_then_it_finds_the_interview_instead_of_creating_a_second()
    {
        _greenhouse.LoseNextAnswer = true;

        var first = await RunAsync("mut_create", m => Writes.CreateAsync(m));
        var second = await RunAsync("mut_create", m => Writes.CreateAsync(m));

        Assert.Equal(("Retry", "Succeeded"), (first.Verdict.ToString(), second.Verdict.ToString()));
        Assert.Equal(["record attempt", "create", "look up"], _log); // recorded before the POST; looked up, not re-posted
        var only = Assert.Single(_greenhouse.Interviews);
        Assert.Equal(only.Key, _state.Interview("int_1").GreenhouseId);
        Assert.Equal(ScheduleTexts.ExternalEventId("sch_1", "int_1"), only.Value.ExternalId);
    }

    [Fact]
    public async Task Given_a_first_try_then_nothing_is_looked_up_and_the_attempt_is_recorded_before_the_create()
    {
        var outcome = await RunAsync("mut_create", m => Writes.CreateAsync(m));

        Assert.Equal("Succeeded", outcome.Verdict.ToString());
        Assert.Equal(["record attempt", "create"], _log);
    }

    [Fact]
    public async Task Given_a_create_marked_with_its_change_when_this_activation_tries_it_first_then_nothing_is_looked_up()
    {
        _state.Apply(new MutationRequested("mut_armed", MutationKind.CreateInterview, "int_1", null, null, T0, Armed: true)); // stored with the change

        var outcome = await Writes.CreateAsync(_state.Mutation("mut_armed"), armed: true);

        Assert.Equal("Succeeded", outcome.Verdict.ToString());
        Assert.Equal(["record attempt", "create"], _log);
    }

    [Fact]
    public async Task Given_a_create_marked_with_its_change_when_a_new_activation_tries_it_then_it_looks_before_creating()
    {
        _state.Apply(new MutationRequested("mut_armed", MutationKind.CreateInterview, "int_1", null, null, T0, Armed: true));
        _greenhouse.Interviews[555] = (ScheduleTexts.ExternalEventId("sch_1", "int_1"), _state.Interview("int_1").Plan); // it landed before the silo died

        var outcome = await Writes.CreateAsync(_state.Mutation("mut_armed"), armed: false);

        Assert.Equal(1, _state.Mutation("mut_armed").Attempts);
        Assert.Equal((Verdict.Succeeded, 555L), (outcome.Verdict, outcome.GreenhouseId));
        Assert.Equal(["look up"], _log);
    }

    [Fact]
    public async Task Given_a_create_marked_by_an_attempt_event_of_its_own_as_streams_stored_before_armed_requests_when_a_new_activation_tries_it_then_it_looks_first()
    {
        _state.Apply(new MutationAttempted("mut_create", 1, T0));
        _greenhouse.Interviews[555] = (ScheduleTexts.ExternalEventId("sch_1", "int_1"), _state.Interview("int_1").Plan); // it landed before the silo died

        var outcome = await Writes.CreateAsync(_state.Mutation("mut_create"), armed: false);

        Assert.Equal((Verdict.Succeeded, 555L), (outcome.Verdict, outcome.GreenhouseId));
        Assert.Equal(["look up"], _log);
    }

    [Fact]
    public async Task Given_a_key_without_the_create_permission_then_the_write_fails_for_good_without_calling_Greenhouse()
    {
        _missing = [GemScheduling.Harvest.HarvestPermissions.InterviewsCreate];

        var outcome = await RunAsync("mut_create", m => Writes.CreateAsync(m));

        Assert.Equal("Failed", outcome.Verdict.ToString());
        Assert.Empty(_log);
        Assert.Equal(MutationStatus.Failed, _state.Mutation("mut_create").Status);
    }

    [Fact]
    public async Task Given_an_interview_deleted_in_Greenhouse_when_it_is_updated_then_the_update_fails_and_drift_is_recorded()
    {
        await RunAsync("mut_create", m => Writes.CreateAsync(m));
        _state.Apply(new MutationRequested("mut_update", MutationKind.UpdateInterview, "int_1", null, null, T0));
        _greenhouse.RefuseUpdates = GreenhouseFailure.NotFound;

        var outcome = await RunAsync("mut_update", Writes.UpdateAsync);

        Assert.Equal("Failed", outcome.Verdict.ToString());
        Assert.Equal(DriftKind.DeletedInGreenhouse, Assert.Single(_state.Drift).Kind);
    }

    [Fact]
    public async Task Given_an_update_before_its_create_landed_then_it_waits_and_after_the_create_failed_it_fails_too()
    {
        _state.Apply(new MutationRequested("mut_update", MutationKind.UpdateInterview, "int_1", null, null, T0));

        var waiting = await Writes.UpdateAsync(_state.Mutation("mut_update"));
        _state.Apply(new MutationFailed("mut_create", "Greenhouse refused it", T0));
        var failed = await Writes.UpdateAsync(_state.Mutation("mut_update"));

        Assert.Equal(("Retry", "Failed"), (waiting.Verdict.ToString(), failed.Verdict.ToString()));
        Assert.Empty(_log);
    }

    [Fact]
    public async Task Given_deletes_then_one_that_never_reached_Greenhouse_is_skipped_and_one_already_gone_is_done()
    {
        _state.Apply(new MutationRequested("mut_delete", MutationKind.DeleteInterview, "int_1", null, null, T0));
        var never = await Writes.DeleteAsync(_state.Mutation("mut_delete"));

        await RunAsync("mut_create", m => Writes.CreateAsync(m));
        _greenhouse.Interviews.Clear(); // a recruiter deleted it in Greenhouse meanwhile
        var gone = await Writes.DeleteAsync(_state.Mutation("mut_delete"));

        Assert.Equal(("Skipped", "Never reached Greenhouse."), (never.Verdict.ToString(), never.Message));
        Assert.Equal(("Succeeded", "already gone from Greenhouse"), (gone.Verdict.ToString(), gone.Message));
    }
}
