using GemScheduling.EventSourcing;
using GemScheduling.Orgs;
using GemScheduling.Schedules;
using Orleans.Providers;

namespace GemScheduling.Planning.Booking;

/// <summary>
/// One candidate's self-scheduling link. It books, moves and cancels its loop only through the schedule grain, so a
/// booking gets the same validation, calendar holds and exactly-once Greenhouse writes as a schedule made through the
/// API. The calendar hold decides a race between two candidates: the loser is told the time was taken.
/// </summary>
[LogConsistencyProvider(ProviderName = "CustomStorage")]
public sealed class BookingLinkGrain(BookingSlots slots, TimeProvider time) : EventSourcedGrain<BookingLinkState, BookingLinkEvent>, IBookingLinkGrain
{
    private const string Candidate = "candidate (booking link)";

    protected override string StreamCategory => "booking-link";

    private string OrgId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().IndexOf('/')];

    private string LinkId => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().IndexOf('/') + 1)..];

    private DateTimeOffset Now => time.GetUtcNow();

    private IScheduleGrain Schedule => GrainFactory.Grain<IScheduleGrain>(IScheduleGrain.Key(OrgId, State.Issued!.ScheduleId));

    public async Task<BookingLinkView> Issue(BookingPlan plan, DateTimeOffset expiresAt, string actor)
    {
        await ExecuteAsync(s => s.Issued is null
            ? [new BookingLinkIssued(LinkId, plan, "sch_" + ApiTokens.RandomId(16), expiresAt, Now, actor)]
            : [], actor);
        return View();
    }

    public async Task<BookingLinkView?> Get()
    {
        if (State.Issued is null)
            return null;
        await CatchUpAsync();
        return View();
    }

    public async Task<BookingLinkView?> Revoke(string actor)
    {
        if (State.Issued is null)
            return null;
        await CatchUpAsync();
        await ExecuteAsync(s => s.Status(Now) == BookingLinkStatus.Open ? [new BookingLinkRevoked(Now, actor)] : [], actor);
        return View();
    }

    /// <summary>
    /// A booking whose schedule was made but whose answer was lost before this link recorded it (a crash, a timeout) is
    /// recorded now, so the email's manage link works and the link offers no more times.
    /// </summary>
    private async Task CatchUpAsync()
    {
        if (State.BookedAt is null && await Schedule.Get() is not null)
            await ExecuteAsync(s => s.BookedAt is null ? [new BookingLinkBooked(Now)] : [], Candidate);
    }

    public async Task<IReadOnlyList<OpenSlot>> OpenSlots(string timeZone) => State.Status(Now) switch
    {
        BookingLinkStatus.Open => await slots.OpenAsync(OrgId, State.Issued!.Plan, timeZone, null, CancellationToken.None),
        BookingLinkStatus.Booked => await slots.OpenAsync(OrgId, State.Issued!.Plan, timeZone, State.Issued.ScheduleId, CancellationToken.None),
        _ => [],
    };

    public async Task<BookingResult> Book(DateTimeOffset start, string timeZone)
    {
        if (State.Issued is null)
            return await ResultAsync(BookingOutcome.Gone);
        // A booking that made its schedule and then lost its answer (a crash, a failover) is finished, not made again.
        await CatchUpAsync();
        switch (State.Status(Now))
        {
            case BookingLinkStatus.Booked or BookingLinkStatus.Cancelled:
                return await ResultAsync(State.Status(Now) == BookingLinkStatus.Booked && await Schedule.Get() is { } booked
                    && booked.Interviews.Min(i => i.Start) == start
                    ? BookingOutcome.Repeated
                    : BookingOutcome.AlreadyBooked);
            case not BookingLinkStatus.Open:
                return await ResultAsync(BookingOutcome.Gone);
        }

        if (await slots.FindAsync(OrgId, State.Issued.Plan, timeZone, start, null, CancellationToken.None) is not { } loop)
            return await ResultAsync(BookingOutcome.SlotTaken);
        try
        {
            await Schedule.Create(new CreateSchedule(State.Issued.Plan.ApplicationId, Requests(loop, timeZone), null, Candidate,
                IdempotencyKey: $"booking/{LinkId}", BookingLinkId: LinkId));
        }
        catch (ConflictException)
        {
            // An interviewer's calendar was taken in between, unless this very booking had already been made.
            return await Schedule.Get() is null ? await ResultAsync(BookingOutcome.SlotTaken) : await BookedAsync(BookingOutcome.Repeated);
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            return await ResultAsync(BookingOutcome.Unavailable);
        }

        return await BookedAsync(BookingOutcome.Done);
    }

    public async Task<BookingResult> Reschedule(DateTimeOffset start, string timeZone)
    {
        if (await BookingInForceAsync() is { } refused)
            return refused;
        var current = (await Schedule.Get())!;
        if (await slots.FindAsync(OrgId, State.Issued!.Plan, timeZone, start, current.Id, CancellationToken.None) is not { } loop)
            return await ResultAsync(BookingOutcome.SlotTaken);
        if (BookingRules.Pair(current, loop) is not { } pairs)
            return await ResultAsync(BookingOutcome.Unavailable);
        try
        {
            await Schedule.Update(new UpdateSchedule(Moves(pairs, timeZone), [], [], Candidate, null));
        }
        catch (ConflictException)
        {
            return await ResultAsync(BookingOutcome.SlotTaken);
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            return await ResultAsync(BookingOutcome.Unavailable);
        }

        return await ResultAsync(BookingOutcome.Done);
    }

    public async Task<BookingResult> Cancel(string? reason)
    {
        if (State.Issued is not null && State.Status(Now) == BookingLinkStatus.Booked && await Schedule.Get() is { Status: ScheduleStatus.Cancelled })
        {
            // Cancelled already (this request's first try lost its answer, or the recruiter cancelled): the link follows.
            await ExecuteAsync(s => s.CancelledAt is null ? [new BookingCancelledByCandidate(Now)] : [], Candidate);
            return await ResultAsync(BookingOutcome.Done);
        }

        if (await BookingInForceAsync() is { } refused)
            return refused;
        await Schedule.Cancel(string.IsNullOrWhiteSpace(reason) ? "The candidate cancelled through their booking link." : reason.Trim(), Candidate, null);
        await ExecuteAsync(s => s.CancelledAt is null ? [new BookingCancelledByCandidate(Now)] : [], Candidate);
        return await ResultAsync(BookingOutcome.Done);
    }

    /// <summary>Null when the candidate may still change their booking; otherwise why not.</summary>
    private async Task<BookingResult?> BookingInForceAsync()
    {
        if (State.Status(Now) != BookingLinkStatus.Booked || await Schedule.Get() is not { Status: ScheduleStatus.Active } booked)
            return await ResultAsync(BookingOutcome.Gone);
        return BookingRules.TooLateToChange(State.Issued!.Plan, booked, Now) ? await ResultAsync(BookingOutcome.TooLate) : null;
    }

    private async Task<BookingResult> BookedAsync(BookingOutcome outcome)
    {
        await ExecuteAsync(s => s.BookedAt is null ? [new BookingLinkBooked(Now)] : [], Candidate);
        return await ResultAsync(outcome);
    }

    private async Task<BookingResult> ResultAsync(BookingOutcome outcome) =>
        new(outcome, View(), State.Issued is null ? null : await Schedule.Get());

    private List<InterviewRequest> Requests(SuggestedLoop loop, string timeZone) =>
        [.. loop.Interviews.Select(i => new InterviewRequest(i.InterviewStepId, [.. i.Interviewers.Select(u => new InterviewerRef(u.UserId, null))],
            i.Start, i.End, timeZone, State.Issued!.Plan.Location, State.Issued.Plan.VideoConferencingUrl))];

    private static List<InterviewChange> Moves(IReadOnlyList<(InterviewView Booked, SuggestedInterview Open)> pairs, string timeZone) =>
        [.. pairs.Select(p => new InterviewChange(p.Booked.Id, p.Open.Start, p.Open.End, timeZone,
            [.. p.Open.Interviewers.Select(u => new InterviewerRef(u.UserId, null))], null, null))];

    /// <summary>What the schedule grain refuses for reasons the candidate cannot fix: they are told to contact the recruiter.</summary>
    private static bool IsRefusal(Exception ex) =>
        ex is ValidationFailedException or GreenhousePermissionMissingException or ResourceNotFoundException or PreconditionFailedException;

    private BookingLinkView View()
    {
        var issued = State.Issued!;
        return new BookingLinkView(issued.LinkId, issued.Plan, issued.ExpiresAt, State.Status(Now), issued.ScheduleId, issued.At, issued.By, State.BookedAt);
    }

    protected override void TransitionState(BookingLinkState state, BookingLinkEvent @event) => state.Apply(@event);
}
